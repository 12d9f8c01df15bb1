package io.llmstream.adapter.llm.anthropic;

import static io.llmstream.adapter.llm.testing.TestProviders.API_KEY;
import static io.llmstream.adapter.llm.testing.TestProviders.config;
import static io.llmstream.adapter.llm.testing.TestProviders.drain;
import static io.llmstream.adapter.llm.testing.TestProviders.request;
import static io.llmstream.adapter.llm.testing.TestProviders.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

class AnthropicLlmStreamTest {

    private WireServer server;
    private AnthropicLlmStream stream;

    private AnthropicLlmStream streamAgainst(WireServer.Handler... handlers) {
        server = WireServer.start(handlers);
        stream = new AnthropicLlmStream(config("anthropic", ProviderKind.ANTHROPIC, server.baseUri()));
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
    void shouldStreamTheDocumentedMessagesStreamWrittenInSmallPieces() throws Exception {
        byte[] body = Fixtures.bytes("anthropic/basic.sse");
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream").writeSlowly(body, 3, Duration.ZERO).finish());

        List<LlmEvent> events = drain(stream.open(request(Map.of("temperature", "0.5", "max_tokens", "512"))));

        assertThat(text(events)).isEqualTo("Hallo! Wie kann ich dir helfen? 😊");
        assertThat(events.getLast()).isEqualTo(new LlmEvent.Finished("end_turn", Optional.of(new TokenUsage(25, 15))));
        WireServer.Request sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(API_KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo(AnthropicLlmStream.API_VERSION);
        assertThat(sent.header("authorization")).isNull();
        JsonNode json = new ObjectMapper().readTree(sent.body());
        assertThat(json.path("system").asText()).isEqualTo("Du bist hilfsbereit.");
        assertThat(json.path("messages")).hasSize(1);
        assertThat(json.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(json.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(json.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(json.path("stream").asBoolean()).isTrue();
    }

    @Test
    void shouldSendADefaultMaxTokensBecauseTheApiRequiresIt() throws Exception {
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream")
                .write(Fixtures.bytes("anthropic/basic.sse")).finish());

        drain(stream.open(request()));

        JsonNode json = new ObjectMapper().readTree(server.requests().getFirst().body());
        assertThat(json.path("max_tokens").asInt()).isEqualTo(AnthropicRequestMapper.DEFAULT_MAX_TOKENS);
    }

    @Test
    void shouldFailWithUpstreamErrorWhenAnOverloadedErrorArrivesInsideTheStream() {
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream")
                .write(Fixtures.bytes("anthropic/overloaded-error.sse")).finish());

        try (LlmStream.Completion completion = stream.open(request())) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Ein"));
            assertThatThrownBy(completion::next).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.UPSTREAM_ERROR))
                    .hasMessageContaining("Overloaded (overloaded_error)");
        }
    }

    @Test
    void shouldRetryAnHttp529OverloadedBeforeTheFirstDelta() {
        streamAgainst(exchange -> exchange.respondFully(529, "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                exchange -> exchange.respond(200, "text/event-stream").write(Fixtures.bytes("anthropic/basic.sse")).finish());

        assertThat(text(drain(stream.open(request())))).startsWith("Hallo!");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void shouldQuoteTheErrorTypeAndMessageOfAnHttpError() {
        streamAgainst(exchange -> exchange.respondFully(400, "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"}}"));

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 400: max_tokens: Field required (invalid_request_error)");
    }

    @Test
    void shouldFailAsTruncatedWhenTheStreamEndsWithoutMessageStop() {
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream")
                .write(Fixtures.bytes("anthropic/truncated.sse")).finish());

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.TRUNCATED));
    }
}
