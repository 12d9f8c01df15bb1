package io.llmstream.adapter.llm.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmstream.upstream.Json;
import java.io.IOException;

/**
 * Reads the fields of one chat-completion chunk the decoder needs with Jackson's streaming parser, into
 * fields reused from chunk to chunk, and skips everything else. It reads what the tree model would:
 * a repeated key counts with its last value, the first element of {@code choices} whose {@code index}
 * reads as 0 is the choice (an element that is not an object reads as index 0, as {@code path} does),
 * and an index or token count that is not a plain int is read as a tree and converted by
 * {@link JsonNode#asInt(int)}. Content after the closing brace is ignored, as {@code readTree} does.
 */
final class OpenAiChunkReader {

    /** The mapper of the rare paths (error objects, odd numbers); its factory makes every parser. */
    static final ObjectMapper MAPPER = Json.MAPPER;
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** {@code error} is present and not null. */
    boolean error;
    /** {@code choices} is an array with an element whose index reads as 0. */
    boolean choiceFound;
    /** Of the chosen element: each field's text, or null when it is missing or not a string. */
    String reasoningContent;
    String reasoning;
    String content;
    String finishReason;
    /** {@code usage} is an object. */
    boolean usagePresent;
    int promptTokens;
    int completionTokens;

    private int candidateIndex;
    private String candidateReasoningContent;
    private String candidateReasoning;
    private String candidateContent;
    private String candidateFinishReason;

    /** Reads {@code data}; an {@link IOException} when it is not JSON or not an object. */
    void read(String data) throws IOException {
        error = false;
        resetChoice();
        resetUsage(false);
        try (JsonParser parser = FACTORY.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "choices" -> readChoices(parser, value);
                    case "usage" -> readUsage(parser, value);
                    case "error" -> {
                        error = value != JsonToken.VALUE_NULL;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
        }
    }

    private void readChoices(JsonParser parser, JsonToken value) throws IOException {
        resetChoice();
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (choiceFound || element != JsonToken.START_OBJECT) {
                // the tree model takes an element that is not an object as index 0 with nothing in it
                choiceFound = true;
                parser.skipChildren();
            } else {
                readCandidate(parser);
            }
        }
    }

    private void readCandidate(JsonParser parser) throws IOException {
        candidateIndex = 0;
        candidateFinishReason = null;
        resetCandidateDelta();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "index" -> candidateIndex = intValue(parser, value);
                case "delta" -> readDelta(parser, value);
                case "finish_reason" -> candidateFinishReason = textOrNull(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (candidateIndex == 0) {
            choiceFound = true;
            reasoningContent = candidateReasoningContent;
            reasoning = candidateReasoning;
            content = candidateContent;
            finishReason = candidateFinishReason;
        }
    }

    private void readDelta(JsonParser parser, JsonToken value) throws IOException {
        resetCandidateDelta();
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken field = parser.nextToken();
            switch (name) {
                case "content" -> candidateContent = textOrNull(parser, field);
                case "reasoning_content" -> candidateReasoningContent = textOrNull(parser, field);
                case "reasoning" -> candidateReasoning = textOrNull(parser, field);
                default -> parser.skipChildren();
            }
        }
    }

    private void readUsage(JsonParser parser, JsonToken value) throws IOException {
        resetUsage(value == JsonToken.START_OBJECT);
        if (!usagePresent) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken field = parser.nextToken();
            switch (name) {
                case "prompt_tokens" -> promptTokens = intValue(parser, field);
                case "completion_tokens" -> completionTokens = intValue(parser, field);
                default -> parser.skipChildren();
            }
        }
    }

    private static String textOrNull(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    /** The value as the tree model's {@code asInt(0)} reads it: containers and null are 0. */
    private static int intValue(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        if (value.isStructStart()) {
            parser.skipChildren();
            return 0;
        }
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        JsonNode node = MAPPER.readTree(parser);
        return node == null ? 0 : node.asInt(0);
    }

    private void resetChoice() {
        choiceFound = false;
        reasoningContent = null;
        reasoning = null;
        content = null;
        finishReason = null;
    }

    private void resetCandidateDelta() {
        candidateReasoningContent = null;
        candidateReasoning = null;
        candidateContent = null;
    }

    private void resetUsage(boolean present) {
        usagePresent = present;
        promptTokens = 0;
        completionTokens = 0;
    }
}
