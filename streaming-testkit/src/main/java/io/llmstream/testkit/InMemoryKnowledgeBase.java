package io.llmstream.testkit;

import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.IngestionException;
import io.llmstream.core.port.KnowledgeBase;
import io.llmstream.core.port.RetrievalException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * A {@link ContextRetriever} and {@link KnowledgeBase} in memory: text documents are split into
 * passages at blank lines and ranked by the share of query words they contain. Not a ranking model; it
 * exists so the core's tests and users' tests can run retrieval without an index. Can be told to fail.
 */
public final class InMemoryKnowledgeBase implements ContextRetriever, KnowledgeBase {

    private record Passage(UUID characterId, String owner, UUID documentId, String title, int index, String text) {
    }

    private final List<Passage> passages = new CopyOnWriteArrayList<>();
    private final List<RetrievalQuery> queries = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    /** While failing, {@link #retrieve} throws {@link RetrievalException}. */
    public InMemoryKnowledgeBase failing(boolean fail) {
        this.failing = fail;
        return this;
    }

    /** Every query received, in order. */
    public List<RetrievalQuery> queries() {
        return List.copyOf(queries);
    }

    @Override
    public synchronized int index(DocumentContent document) {
        if (!document.contentType().startsWith("text/")) {
            throw new IngestionException(IngestionException.Reason.UNSUPPORTED_TYPE,
                    "document '" + document.title() + "': content type " + document.contentType() + " is not supported");
        }
        String text = new String(document.bytes(), StandardCharsets.UTF_8);
        List<String> parts = Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        if (parts.isEmpty()) {
            throw new IngestionException(IngestionException.Reason.EMPTY, "document '" + document.title() + "' is empty");
        }
        remove(document.documentId());
        for (int i = 0; i < parts.size(); i++) {
            passages.add(new Passage(document.characterId(), document.owner(), document.documentId(), document.title(), i, parts.get(i)));
        }
        return parts.size();
    }

    @Override
    public synchronized void remove(UUID documentId) {
        passages.removeIf(p -> p.documentId().equals(documentId));
    }

    @Override
    public synchronized void removeCharacter(UUID characterId) {
        passages.removeIf(p -> p.characterId().equals(characterId));
    }

    @Override
    public List<Citation> retrieve(RetrievalQuery query) {
        queries.add(query);
        if (failing) {
            throw new RetrievalException("simulated retrieval failure");
        }
        Set<String> words = words(query.text());
        if (words.isEmpty()) {
            return List.of();
        }
        List<Citation> hits = new ArrayList<>();
        for (Passage passage : passages) {
            if (!passage.characterId().equals(query.characterId()) || !passage.owner().equals(query.owner())) {
                continue;
            }
            Set<String> shared = new HashSet<>(words(passage.text()));
            shared.retainAll(words);
            if (!shared.isEmpty()) {
                double score = (double) shared.size() / words.size();
                hits.add(new Citation(passage.documentId() + ":" + passage.index(), passage.text(), score,
                        passage.documentId().toString(), passage.index(), passage.title(), score, 1, Optional.empty()));
            }
        }
        List<Citation> ranked = hits.stream().sorted(Comparator.comparingDouble(Citation::score).reversed())
                .limit(query.config().topK()).toList();
        // a single stage: its rank is the final one
        return IntStream.range(0, ranked.size()).mapToObj(i -> ranked.get(i).withFirstStageRank(i + 1)).toList();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                words.add(word);
            }
        }
        return words;
    }
}
