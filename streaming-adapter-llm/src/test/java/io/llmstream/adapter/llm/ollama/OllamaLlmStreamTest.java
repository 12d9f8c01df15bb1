package io.llmstream.adapter.llm.ollama;

import static io.llmstream.adapter.llm.testing.TestProviders.config;
import static io.llmstream.adapter.llm.testing.TestProviders.drain;
import static io.llmstream.adapter.llm.testing.TestProviders.request;
import static io.llmstream.adapter.llm.testing.TestProviders.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.testing.Fixtures;
import io.llmstream.adapter.llm.testing.WireServer;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.core.port.LlmStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaLlmStreamTest {

    private WireServer server;
    private OllamaLlmStream stream;

    private OllamaLlmStream streamAgainst(WireServer.Handler... handlers) {
        server = WireServer.start(handlers);
        ProviderConfig config = config("ollama", ProviderKind.OLLAMA, server.baseUri());
        stream = new OllamaLlmStream(new ProviderConfig(config.name(), config.kind(), config.baseUrl(), Optional.empty(),
                "llama3.2", config.timeouts(), config.retry(), config.maxLineBytes(), Map.of()));
        return stream;
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldStreamTheDocumentedChatStreamWrittenByteByByte() throws Exception {
        byte[] body = Fixtures.bytes("ollama/basic.ndjson");
        streamAgainst(exchange -> exchange.respond(200, "application/x-ndjson").writeSlowly(body, 1, Duration.ZERO).finish());

        List<LlmEvent> events = drain(stream.open(request(Map.of("temperature", "0.1", "num_ctx", "4096",
                "keep_alive", "5m"))));

        assertThat(text(events)).isEqualTo("Der Himmel ist blau, weil Licht gestreut wird 🌤.");
        assertThat(events.getLast()).isEqualTo(new LlmEvent.Finished("stop", Optional.of(new TokenUsage(26, 282))));
        WireServer.Request sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/api/chat");
        assertThat(sent.header("authorization")).isNull();
        JsonNode json = new ObjectMapper().readTree(sent.body());
        assertThat(json.path("model").asText()).isEqualTo("llama3.2");
        assertThat(json.path("stream").asBoolean()).isTrue();
        assertThat(json.path("keep_alive").asText()).isEqualTo("5m");
        assertThat(json.path("options").path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(json.path("options").path("temperature").asDouble()).isEqualTo(0.1);
    }

    @Test
    void shouldFailWithUpstreamErrorOnAnErrorLine() {
        streamAgainst(exchange -> exchange.respond(200, "application/x-ndjson")
                .write(Fixtures.bytes("ollama/error.ndjson")).finish());

        try (LlmStream.Completion completion = stream.open(request())) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Es"));
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta(" war"));
            assertThatThrownBy(completion::next).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.UPSTREAM_ERROR))
                    .hasMessageContaining("unexpected EOF");
        }
    }

    @Test
    void shouldQuoteOllamasErrorForAnUnknownModel() {
        streamAgainst(exchange -> exchange.respondFully(404, "application/json",
                "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"));

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 404: model \"llama9\" not found, try pulling it first");
    }

    @Test
    void shouldFailAsTruncatedWhenTheConnectionEndsInsideALine() {
        streamAgainst(exchange -> exchange.respond(200, "application/x-ndjson")
                .write(Fixtures.bytes("ollama/truncated.ndjson")).finish());

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.TRUNCATED));
    }
}
