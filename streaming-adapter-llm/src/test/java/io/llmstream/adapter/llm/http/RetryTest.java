package io.llmstream.adapter.llm.http;

import static io.llmstream.adapter.llm.testing.TestProviders.config;
import static io.llmstream.adapter.llm.testing.TestProviders.drain;
import static io.llmstream.adapter.llm.testing.TestProviders.request;
import static io.llmstream.adapter.llm.testing.TestProviders.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.config.RetryPolicy;
import io.llmstream.adapter.llm.openai.OpenAiLlmStream;
import io.llmstream.adapter.llm.testing.Fixtures;
import io.llmstream.adapter.llm.testing.WireServer;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmStream;
import io.llmstream.testkit.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final WireServer.Handler ANSWER = exchange -> exchange.respond(200, "text/event-stream")
            .write(Fixtures.bytes("openai/basic.sse")).finish();

    private WireServer server;
    private OpenAiLlmStream stream;

    private OpenAiLlmStream streamAgainst(RetryPolicy retry, WireServer.Handler... handlers) {
        server = WireServer.start(handlers);
        stream = new OpenAiLlmStream(config("openai", ProviderKind.OPENAI, server.baseUri("/v1")).withRetry(retry));
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

    private static RetryPolicy attempts(int n) {
        return new RetryPolicy(n, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));
    }

    @Test
    void shouldRetryA503AndA502BeforeTheFirstDelta() {
        streamAgainst(attempts(3), exchange -> exchange.respondFully(503, "text/plain", "upstream overloaded"),
                exchange -> exchange.respondFully(502, "text/html", "<html>bad gateway</html>"), ANSWER);

        String answer = text(drain(stream.open(request())));

        assertThat(answer).startsWith("KI steht für");
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void shouldReportRateLimitedNamingTheAttemptsWhenEvery429IsExhausted() {
        streamAgainst(attempts(3), exchange -> exchange.respondFully(429, "application/json",
                "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.RATE_LIMITED))
                .hasMessageContaining("HTTP 429").hasMessageContaining("Rate limit reached")
                .hasMessageContaining("after 3 attempts");
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void shouldWaitAtLeastRetryAfterBeforeRetrying() {
        streamAgainst(attempts(2), exchange -> exchange.respondFully(429, "text/plain", "slow down", "Retry-After: 1"),
                ANSWER);
        long start = System.nanoTime();

        drain(stream.open(request()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void shouldNotRetryWhenRetryAfterIsLongerThanAllowed() {
        streamAgainst(attempts(3), exchange -> exchange.respondFully(503, "text/plain", "maintenance", "Retry-After: 3600"),
                ANSWER);

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 503").hasMessageContaining("not retried: Retry-After 3600");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void shouldNotRetryAClientError() {
        streamAgainst(attempts(3), exchange -> exchange.respondFully(400, "application/json",
                "{\"error\":{\"message\":\"Unrecognized request argument supplied: foo\",\"type\":\"invalid_request_error\"}}"),
                ANSWER);

        assertThatThrownBy(() -> drain(stream.open(request()))).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.HTTP_ERROR))
                .hasMessageContaining("Unrecognized request argument supplied: foo");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void shouldNeverRetryOnceADeltaWasDelivered() {
        CountDownLatch deltaRead = new CountDownLatch(1);
        streamAgainst(attempts(3), exchange -> {
            exchange.respond(200, "text/event-stream")
                    .write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"}}]}\n\n");
            deltaRead.await(5, TimeUnit.SECONDS); // reset only once the delta has reached the caller (a reset may drop unread bytes)
            exchange.reset();
        }, ANSWER);

        try (LlmStream.Completion completion = stream.open(request())) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Hal"));
            deltaRead.countDown();
            assertThatThrownBy(completion::next).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.TRUNCATED));
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void shouldRetryARefusedConnectionAndThenReportConnectFailed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (OpenAiLlmStream refused = new OpenAiLlmStream(config("openai", ProviderKind.OPENAI,
                URI.create("http://127.0.0.1:" + closedPort + "/v1")).withRetry(attempts(2)))) {

            assertThatThrownBy(() -> drain(refused.open(request()))).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.CONNECT_FAILED))
                    .hasMessageContaining("cannot connect to openai at http://127.0.0.1:" + closedPort)
                    .hasMessageContaining("after 2 attempts");
        }
    }

    @Test
    void shouldStopWaitingForARetryAtOnceWhenClosed() throws Exception {
        streamAgainst(attempts(2), exchange -> exchange.respondFully(503, "text/plain", "later", "Retry-After: 4"), ANSWER);
        LlmStream.Completion completion = stream.open(request());
        CompletableFuture<Throwable> reader = new CompletableFuture<>();
        Thread readerThread = Thread.ofVirtual().name("reader").start(() -> {
            try {
                completion.next();
                reader.complete(null);
            } catch (RuntimeException e) {
                reader.complete(e);
            }
        });
        server.awaitExchange(Duration.ofSeconds(5));
        Threads.awaitParkedIn(readerThread, "Abort.pause", Duration.ofSeconds(5)); // in the back-off of Retry-After: 4

        completion.close();

        assertThat(reader.get(2, TimeUnit.SECONDS)).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.CANCELLED));
        assertThat(server.connections()).isEqualTo(1);
    }
}
