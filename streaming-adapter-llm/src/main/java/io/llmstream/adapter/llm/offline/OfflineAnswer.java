package io.llmstream.adapter.llm.offline;

import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the offline provider's answer from the prompt. */
final class OfflineAnswer {

    static final int MAX_PASSAGE_CHARS = 600;
    private static final Pattern MARKER = Pattern.compile("(?m)^\\[(\\d{1,3})\\] ?");
    private static final String HOW_TO_CONFIGURE = "To get real answers, configure a language model: set "
            + "OPENAI_BASE_URL and OPENAI_API_KEY (OpenAI or any OpenAI-compatible server such as vLLM, "
            + "LiteLLM or OpenRouter), or ANTHROPIC_API_KEY, or OLLAMA_BASE_URL (a local Ollama), "
            + "and choose it with LLM_PROVIDER.";

    private OfflineAnswer() {
    }

    static String compose(List<PromptMessage> messages) {
        List<String> passages = new ArrayList<>();
        for (PromptMessage message : messages) {
            if (message.role() == MessageRole.SYSTEM) {
                passages.addAll(passages(message.content()));
            }
        }
        if (passages.isEmpty()) {
            return "This is the offline provider, not a language model: no language model is configured, so I "
                    + "cannot write an answer, and no knowledge-base passages matched your message. "
                    + HOW_TO_CONFIGURE;
        }
        StringBuilder answer = new StringBuilder("This is the offline provider, not a language model: no language "
                + "model is configured, so instead of an answer here are the knowledge-base passages found for "
                + "your message, quoted as retrieved.\n");
        for (int i = 0; i < passages.size(); i++) {
            answer.append("\n[").append(i + 1).append("] ").append(shorten(passages.get(i))).append('\n');
        }
        return answer.append('\n').append(HOW_TO_CONFIGURE).toString();
    }

    /** The passages numbered [1], [2], ... consecutively from the start of a line, each up to the next. */
    static List<String> passages(String system) {
        List<String> passages = new ArrayList<>();
        Matcher matcher = MARKER.matcher(system);
        int expected = 1;
        int start = -1;
        while (matcher.find()) {
            if (Integer.parseInt(matcher.group(1)) != expected) {
                continue;
            }
            if (start >= 0) {
                passages.add(system.substring(start, matcher.start()).strip());
            }
            start = matcher.end();
            expected++;
        }
        if (start >= 0) {
            passages.add(system.substring(start).strip());
        }
        return passages;
    }

    private static String shorten(String passage) {
        if (passage.length() <= MAX_PASSAGE_CHARS) {
            return passage;
        }
        int cut = MAX_PASSAGE_CHARS;
        if (Character.isHighSurrogate(passage.charAt(cut - 1))) {
            cut--;
        }
        return passage.substring(0, cut) + " …";
    }
}
