package io.llmstream.adapter.llm.openai;

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
import io.llmstream.adapter.llm.testing.DecodeOutcome;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiLlmStreamTest {

    private WireServer server;
    private OpenAiLlmStream stream;

    private OpenAiLlmStream streamAgainst(WireServer.Handler... handlers) {
        server = WireServer.start(handlers);
        stream = new OpenAiLlmStream(config("openai", ProviderKind.OPENAI, server.baseUri("/v1")));
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

    private static DecodeOutcome pull(LlmStream stream) {
        List<LlmEvent> events = new java.util.ArrayList<>();
        try (LlmStream.Completion completion = stream.open(request())) {
            LlmEvent event;
            do {
                event = completion.next();
                events.add(event);
            } while (!(event instanceof LlmEvent.Finished));
            return new DecodeOutcome(events, Optional.empty());
        } catch (LlmException e) {
            return new DecodeOutcome(events, Optional.of(e.code()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic.sse", "openrouter-comments-crlf.sse", "vllm-reasoning.sse", "in-stream-error.sse",
            "llamacpp-length-no-done-bom-cr.sse", "truncated.sse"})
    void shouldYieldOverARealSocketWhatTheDecoderYieldsForTheRecordedBytes(String fixture) {
        byte[] body = Fixtures.bytes("openai/" + fixture);
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream").writeSlowly(body, 7, Duration.ZERO).finish());

        DecodeOutcome overSocket = pull(stream);

        assertThat(overSocket).isEqualTo(DecodeOutcome.decode(new OpenAiEventDecoder("openai", 1 << 20), body));
    }

    @Test
    void shouldStreamAResponseWrittenByteByByte() {
        byte[] body = Fixtures.bytes("openai/basic.sse");
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream").writeSlowly(body, 1, Duration.ZERO).finish());

        List<LlmEvent> events = drain(stream.open(request()));

        assertThat(text(events)).isEqualTo("KI steht für Künstliche Intelligenz 🤖: Systeme, die lernen.");
        assertThat(events.getLast()).isEqualTo(new LlmEvent.Finished("stop", Optional.of(new TokenUsage(19, 11))));
    }

    @Test
    void shouldSendTheChatCompletionsRequestWithStreamOptionsAndBearerKey() throws Exception {
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream")
                .write(Fixtures.bytes("openai/basic.sse")).finish());

        drain(stream.open(request(Map.of("temperature", "0.2", "user", "u-1", "stream", "false"))));

        WireServer.Request sent = server.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(sent.header("accept")).isEqualTo("text/event-stream");
        JsonNode body = new ObjectMapper().readTree(sent.body());
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("temperature").isNumber()).isTrue();
        assertThat(body.path("user").asText()).isEqualTo("u-1");
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Was ist KI?");
    }

    @Test
    void shouldHandEachDeltaToTheReaderBeforeTheNextOneIsSent() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        streamAgainst(exchange -> {
            exchange.respond(200, "text/event-stream")
                    .write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"eins\"}}]}\n\n");
            assertThat(firstRead.await(5, TimeUnit.SECONDS)).isTrue();
            exchange.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" zwei\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: [DONE]\n\n").finish();
        });

        try (LlmStream.Completion completion = stream.open(request())) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("eins"));
            firstRead.countDown();
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta(" zwei"));
            assertThat(completion.next()).isEqualTo(new LlmEvent.Finished("stop", Optional.empty()));
        }
    }

    @Test
    void shouldFailWithHttpErrorCarryingTheProvidersMessageButNotTheKey() {
        streamAgainst(exchange -> exchange.respondFully(401, "application/json",
                "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + ". You can find your API key at "
                        + "https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_api_key\"}}"));

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.HTTP_ERROR))
                .hasMessageContaining("HTTP 401").hasMessageContaining("Incorrect API key provided")
                .hasMessageContaining("invalid_request_error")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY).doesNotContain("5ecr3t"));
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void shouldFailWithHttpErrorQuotingAPlainTextBody() {
        streamAgainst(exchange -> exchange.respondFully(404, "text/plain", "404 page not found\n"));

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 404: 404 page not found");
    }

    @Test
    void shouldFailAsTruncatedWhenTheUpstreamResetsTheConnectionMidStream() {
        CountDownLatch deltaRead = new CountDownLatch(1);
        streamAgainst(exchange -> {
            exchange.respond(200, "text/event-stream")
                    .write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"}}]}\n\n");
            deltaRead.await(5, TimeUnit.SECONDS); // reset only once the delta has reached the caller (a reset may drop unread bytes)
            exchange.reset();
        });

        try (LlmStream.Completion completion = stream.open(request())) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Hal"));
            deltaRead.countDown();
            assertThatThrownBy(completion::next).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.TRUNCATED));
        }
        assertThat(server.connections()).as("never retried after the first delta").isEqualTo(1);
    }

    @Test
    void shouldFailAsTruncatedWhenAChunkedBodyStopsWithoutItsLastChunk() {
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream")
                .write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"}}]}\n\n"));

        try (LlmStream.Completion completion = stream.open(request())) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Hal"));
            assertThatThrownBy(completion::next).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.TRUNCATED));
        }
    }

    @Test
    void shouldFailAsMalformedOnALineLongerThanTheConfiguredLimit() {
        server = WireServer.start(exchange -> exchange.respond(200, "text/event-stream")
                .write("data: {\"x\":\"" + "y".repeat(5000) + "\"}\n\n").finish());
        stream = new OpenAiLlmStream(config("openai", ProviderKind.OPENAI, server.baseUri("/v1")).withMaxLineBytes(1024));

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.MALFORMED_STREAM))
                .hasMessageContaining("longer than 1024 bytes");
    }

    @Test
    void shouldUseTheRequestedModelAndReportIt() throws Exception {
        streamAgainst(exchange -> exchange.respond(200, "text/event-stream")
                .write(Fixtures.bytes("openai/basic.sse")).finish());

        try (LlmStream.Completion completion = stream.open(new io.llmstream.core.model.CompletionRequest(
                Optional.of("openai"), Optional.of("gpt-4o"), request().messages(), Map.of()))) {
            drain(completion);
            assertThat(completion.model()).isEqualTo("gpt-4o");
            assertThat(completion.provider()).isEqualTo("openai");
        }
        assertThat(new ObjectMapper().readTree(server.requests().getFirst().body()).path("model").asText())
                .isEqualTo("gpt-4o");
    }
}
