package io.llmstream.adapter.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming reader against the tree-model reading it replaced: {@link #treeModel} is that reading,
 * kept here as the reference, and every chunk must read the same both ways.
 */
class OpenAiChunkReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the decoder takes from a chunk, as the tree model read it. */
    private record Reading(boolean error, boolean choiceFound, String reasoning, String content, String finishReason,
            boolean usagePresent, int promptTokens, int completionTokens) {
    }

    private static Reading treeModel(String data) throws IOException {
        JsonNode chunk = MAPPER.readTree(data);
        JsonNode choice = null;
        if (chunk.path("choices").isArray()) {
            for (JsonNode element : chunk.path("choices")) {
                if (element.path("index").asInt(0) == 0) {
                    choice = element;
                    break;
                }
            }
        }
        String reasoning = null;
        String content = null;
        String finishReason = null;
        if (choice != null) {
            JsonNode delta = choice.path("delta");
            JsonNode reasoningNode = delta.path("reasoning_content").isTextual()
                    ? delta.path("reasoning_content") : delta.path("reasoning");
            reasoning = reasoningNode.isTextual() ? reasoningNode.asText() : null;
            content = delta.path("content").isTextual() ? delta.path("content").asText() : null;
            finishReason = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        }
        JsonNode usage = chunk.path("usage");
        return new Reading(chunk.hasNonNull("error"), choice != null, reasoning, content, finishReason,
                usage.isObject(), usage.isObject() ? usage.path("prompt_tokens").asInt(0) : 0,
                usage.isObject() ? usage.path("completion_tokens").asInt(0) : 0);
    }

    private static Reading streaming(String data) throws IOException {
        OpenAiChunkReader reader = new OpenAiChunkReader();
        reader.read("{\"choices\":[{\"delta\":{\"content\":\"left over\"},\"finish_reason\":\"stop\"}],\"usage\":{}}");
        reader.read(data);
        return new Reading(reader.error, reader.choiceFound,
                reader.reasoningContent != null ? reader.reasoningContent : reader.reasoning, reader.content,
                reader.finishReason, reader.usagePresent, reader.promptTokens, reader.completionTokens);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"Hi\",\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"}}]},\"logprobs\":null,"
                + "\"finish_reason\":null}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\"},\"finish_reason\":\"length\"}]}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":11,\"total_tokens\":30,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
        "{\"choices\":null,\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":3}}",
        "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}},{\"delta\":{\"content\":\"mine\"},\"index\":0}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"first\"}},{\"index\":0,\"delta\":{\"content\":\"second\"}}]}",
        "{\"choices\":[null,{\"index\":0,\"delta\":{\"content\":\"shadowed\"}}]}",
        "{\"choices\":[{\"index\":\"0\",\"delta\":{\"content\":\"index as text\"}}]}",
        "{\"choices\":[{\"index\":true,\"delta\":{\"content\":\"index as boolean\"}}]}",
        "{\"choices\":[{\"index\":0.7,\"delta\":{\"content\":\"index as float\"}}]}",
        "{\"choices\":[{\"index\":4294967296,\"delta\":{\"content\":\"index overflowing\"}}]}",
        "{\"choices\":[{\"index\":{\"a\":1},\"delta\":{\"content\":\"index as object\"}}]}",
        "{\"choices\":[{\"delta\":{\"reasoning_content\":\"\",\"reasoning\":\"newer name\"}}]}",
        "{\"choices\":[{\"delta\":{\"reasoning_content\":null,\"reasoning\":\"newer name\"}}]}",
        "{\"choices\":[{\"delta\":{\"reasoning\":\"both\",\"reasoning_content\":\"older name\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"b\"},\"delta\":{\"content\":\"last delta\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"},\"delta\":null}]}",
        "{\"choices\":[{\"delta\":{\"content\":42},\"finish_reason\":7}]}",
        "{\"choices\":[{\"delta\":[\"content\"],\"finish_reason\":\"stop\",\"finish_reason\":null}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"choices\":\"replaced\"}",
        "{\"choices\":{\"0\":{\"delta\":{\"content\":\"not an array\"}}}}",
        "{\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":3.9}}",
        "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"usage\":null}",
        "{\"usage\":[1,2]}",
        "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"fine\"}}]}",
        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
        "{\"error\":\"text\",\"error\":null}",
        "{\"deep\":{\"choices\":[{\"delta\":{\"content\":\"nested, not ours\"}}],\"x\":[[[{}]]]}}",
        "{\"choices\":[{\"delta\":{\"content\":\"K\\u00fcnstliche \\\"Intelligenz\\\" \\ud83e\\udd16\\n\"}}]} trailing"
    })
    void shouldReadEveryChunkAsTheTreeModelDid(String data) throws IOException {
        assertThat(streaming(data)).isEqualTo(treeModel(data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1,2]", "\"text\"", "null", "{\"choices\":[", "{\"a\":tru}", "{\"a\":\"\\q\"}"})
    void shouldRejectAnEventThatIsNotAJsonObject(String data) {
        assertThatThrownBy(() -> new OpenAiChunkReader().read(data)).isInstanceOf(IOException.class);
    }

    @Test
    void shouldRejectMalformedJsonInsideAFieldItSkips() {
        assertThatThrownBy(() -> new OpenAiChunkReader().read("{\"unknown\":{\"a\":[1,}}"))
                .isInstanceOf(IOException.class);
    }
}
