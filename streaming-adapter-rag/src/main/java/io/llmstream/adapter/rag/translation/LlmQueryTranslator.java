package io.llmstream.adapter.rag.translation;

import io.llmstream.adapter.rag.language.TextLanguage;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.port.LlmStream;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Rewrites a question into other languages with one short LLM completion, so that BM25 and an English-only
 * embedding model can meet passages written in those languages. Answers are cached; a failure, a timeout
 * or an answer without a usable line yields no translation (logged, counted), and retrieval goes on with
 * the original question. Thread-safe.
 */
public final class LlmQueryTranslator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LlmQueryTranslator.class.getName());

    private final LlmStream llm;
    private final QueryTranslationConfig config;
    private final Map<String, Map<TextLanguage, String>> cache;
    private final AtomicLong failures = new AtomicLong();
    private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();

    public LlmQueryTranslator(LlmStream llm, QueryTranslationConfig config) {
        this.llm = Objects.requireNonNull(llm, "llm");
        this.config = Objects.requireNonNull(config, "config");
        int size = config.cacheSize();
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<TextLanguage, String>> eldest) {
                return size() > size;
            }
        });
    }

    /** The question in each of {@code targets} it could be translated into; empty when that failed. */
    public Map<TextLanguage, String> translate(String question, Set<TextLanguage> targets) {
        if (targets.isEmpty()) {
            return Map.of();
        }
        String key = targets.stream().map(TextLanguage::code).sorted().collect(Collectors.joining(",")) + "\n"
                + question;
        Map<TextLanguage, String> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<String> answer = ask(Prompts.request(question, targets, config));
        if (answer.isEmpty()) {
            return Map.of();
        }
        Map<TextLanguage, String> translated = Prompts.parse(answer.get(), targets);
        if (translated.isEmpty()) {
            return fail("the answer held no translation", null);
        }
        cache.put(key, translated);
        return translated;
    }

    /** Translations that failed or timed out since start (for metrics). */
    public long failures() {
        return failures.get();
    }

    private Optional<String> ask(CompletionRequest request) {
        AtomicReference<LlmStream.Completion> running = new AtomicReference<>();
        Future<String> answer = completions.submit(() -> {
            try (LlmStream.Completion completion = llm.open(request)) {
                running.set(completion);
                StringBuilder text = new StringBuilder();
                while (true) {
                    switch (completion.next()) {
                        case LlmEvent.TextDelta delta -> text.append(delta.text());
                        case LlmEvent.ReasoningDelta reasoning -> {
                            // thinking is not the answer
                        }
                        case LlmEvent.Finished finished -> {
                            return text.toString();
                        }
                    }
                }
            }
        });
        try {
            return Optional.of(answer.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            LlmStream.Completion completion = running.get();
            if (completion != null) {
                completion.close();
            }
            answer.cancel(true);
            fail("no answer within " + config.timeout(), null);
        } catch (ExecutionException e) {
            fail(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            fail("interrupted", e);
        }
        return Optional.empty();
    }

    private Map<TextLanguage, String> fail(String reason, Throwable cause) {
        failures.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "query translation failed, searching with the original question only: "
                + reason, cause);
        return Map.of();
    }

    @Override
    public void close() {
        completions.shutdownNow();
    }

    /** The prompt and the parsing of its answer: one line per language, {@code <code>: <question>}. */
    static final class Prompts {

        private Prompts() {
        }

        static CompletionRequest request(String question, Set<TextLanguage> targets, QueryTranslationConfig config) {
            String languages = targets.stream().map(l -> l.displayName() + " (" + l.code() + ")")
                    .sorted().collect(Collectors.joining(", "));
            String system = "You translate search questions for a document search. Translate the user's question into "
                    + languages + ". Keep names, numbers and years as they are. Answer with one line per language, "
                    + "formatted as <code>: <translation>, and nothing else.";
            return new CompletionRequest(config.provider(), config.model(), List.of(
                    new PromptMessage(MessageRole.SYSTEM, system), new PromptMessage(MessageRole.USER, question)),
                    Map.of("temperature", "0"));
        }

        static Map<TextLanguage, String> parse(String answer, Set<TextLanguage> targets) {
            Map<TextLanguage, String> translations = new EnumMap<>(TextLanguage.class);
            for (String line : answer.lines().toList()) {
                int colon = line.indexOf(':');
                if (colon < 1) {
                    continue;
                }
                String code = line.substring(0, colon).strip();
                String text = line.substring(colon + 1).strip();
                for (TextLanguage target : targets) {
                    if (target.code().equalsIgnoreCase(code) && !text.isEmpty()) {
                        translations.put(target, text);
                    }
                }
            }
            return Map.copyOf(translations);
        }
    }
}
