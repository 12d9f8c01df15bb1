package io.llmstream.adapter.llm.http;

import static io.llmstream.adapter.llm.testing.TestProviders.config;
import static io.llmstream.adapter.llm.testing.TestProviders.drain;
import static io.llmstream.adapter.llm.testing.TestProviders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.llm.config.LlmTimeouts;
import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.config.RetryPolicy;
import io.llmstream.adapter.llm.openai.OpenAiLlmStream;
import io.llmstream.adapter.llm.testing.WireServer;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.core.port.LlmStream;
import io.llmstream.testkit.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutsAndCancellationTest {

    private static final String DELTA = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    private static final Duration SHORT = Duration.ofMillis(300);

    private WireServer server;
    private OpenAiLlmStream stream;

    private OpenAiLlmStream streamAgainst(LlmTimeouts timeouts, WireServer.Handler... handlers) {
        server = WireServer.start(handlers);
        stream = new OpenAiLlmStream(config("openai", ProviderKind.OPENAI, server.baseUri("/v1")).withTimeouts(timeouts)
                .withRetry(RetryPolicy.NONE));
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

    private static LlmTimeouts timeouts(Duration firstToken, Duration idle, Duration overall) {
        return new LlmTimeouts(Duration.ofSeconds(2), firstToken, idle, overall);
    }

    private static LlmException failureOf(LlmStream.Completion completion) {
        try (completion) {
            drain(completion);
        } catch (LlmException e) {
            return e;
        }
        throw new AssertionError("the completion finished instead of failing");
    }

    @Test
    void shouldNameTheFirstTokenTimeoutWhenOnlyKeepAlivesArrive() {
        streamAgainst(timeouts(SHORT, Duration.ofSeconds(10), Duration.ofSeconds(10)), exchange -> {
            exchange.respond(200, "text/event-stream");
            for (int i = 0; i < 100; i++) {
                exchange.write(": keep-alive\n\n");
                Thread.sleep(50);
            }
        });

        LlmException failure = failureOf(stream.open(request()));

        assertThat(failure.code()).isEqualTo(Code.TIMEOUT);
        assertThat(failure.getMessage()).contains("first-token timeout of 300 ms fired");
    }

    @Test
    void shouldNameTheFirstTokenTimeoutWhenTheHeadersNeverCome() {
        streamAgainst(timeouts(SHORT, Duration.ofSeconds(10), Duration.ofSeconds(10)),
                exchange -> exchange.stall(Duration.ofSeconds(10)));

        assertThat(failureOf(stream.open(request())).getMessage()).contains("first-token timeout");
    }

    @Test
    void shouldNameTheIdleTimeoutWhenTheUpstreamFallsSilentAfterTheFirstDelta() {
        streamAgainst(timeouts(Duration.ofSeconds(10), SHORT, Duration.ofSeconds(10)), exchange -> {
            exchange.respond(200, "text/event-stream").write(DELTA);
            exchange.stall(Duration.ofSeconds(10));
        });

        LlmException failure = failureOf(stream.open(request()));

        assertThat(failure.code()).isEqualTo(Code.TIMEOUT);
        assertThat(failure.getMessage()).contains("idle timeout of 300 ms fired");
    }

    @Test
    void shouldNotCountTheCallersOwnPausesAsUpstreamIdleness() throws Exception {
        streamAgainst(timeouts(Duration.ofSeconds(10), SHORT, Duration.ofSeconds(10)), exchange -> {
            exchange.respond(200, "text/event-stream").write(DELTA + DELTA.replace("Hi", "Ho")
                    + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            exchange.finish();
        });

        try (LlmStream.Completion completion = stream.open(request())) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Hi"));
            Thread.sleep(SHORT.multipliedBy(2));
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Ho"));
            assertThat(completion.next()).isInstanceOf(LlmEvent.Finished.class);
        }
    }

    @Test
    void shouldNameTheOverallTimeoutWhenDeltasKeepComingForTooLong() {
        streamAgainst(timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(500)), exchange -> {
            exchange.respond(200, "text/event-stream");
            for (int i = 0; i < 200; i++) {
                exchange.write(DELTA);
                Thread.sleep(20);
            }
        });

        LlmException failure = failureOf(stream.open(request()));

        assertThat(failure.code()).isEqualTo(Code.TIMEOUT);
        assertThat(failure.getMessage()).contains("overall timeout of 500 ms fired");
    }

    @Test
    void shouldNameTheConnectTimeoutWhenTheUpstreamNeverAcceptsTheConnection() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                // the accept queue is full once a few connections wait in it; further SYNs are dropped
                for (int i = 0; i < 4; i++) {
                    Socket filler = new Socket();
                    filler.connect(full.getLocalSocketAddress(), 200);
                    fillers.add(filler);
                }
            } catch (IOException queueAlreadyFull) {
                // the kernel started dropping SYNs: what this test needs
            }
            ProviderConfig config = config("openai", ProviderKind.OPENAI,
                    URI.create("http://127.0.0.1:" + full.getLocalPort() + "/v1"))
                    .withTimeouts(new LlmTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(10),
                            Duration.ofSeconds(10)))
                    .withRetry(RetryPolicy.NONE);
            try (OpenAiLlmStream unreachable = new OpenAiLlmStream(config)) {
                LlmException failure = failureOf(unreachable.open(request()));

                assertThat(failure.code()).isEqualTo(Code.TIMEOUT);
                assertThat(failure.getMessage()).contains("connect timeout of 300 ms fired");
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void shouldCloseTheUpstreamConnectionWhenClosedWhileAReadIsBlocked() throws Exception {
        streamAgainst(LlmTimeouts.DEFAULTS, exchange -> {
            exchange.respond(200, "text/event-stream").write(DELTA);
            exchange.stall(Duration.ofSeconds(10));
        });
        LlmStream.Completion completion = stream.open(request());
        assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Hi"));
        WireServer.Exchange upstream = server.awaitExchange(Duration.ofSeconds(5));
        FutureTask<Throwable> reader = new FutureTask<>(() -> {
            try {
                completion.next();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Threads.awaitParked(Thread.ofPlatform().name("reader").start(reader), Duration.ofSeconds(5));

        completion.close();

        assertThat(upstream.awaitClientClose(Duration.ofSeconds(3))).as("upstream socket closed by the client").isTrue();
        Throwable thrown = reader.get(5, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(LlmException.class);
        assertThat(((LlmException) thrown).code()).isEqualTo(Code.CANCELLED);
    }

    @Test
    void shouldCloseTheUpstreamConnectionWhenClosedBeforeTheResponseHeaders() throws Exception {
        streamAgainst(LlmTimeouts.DEFAULTS, exchange -> exchange.stall(Duration.ofSeconds(10)));
        LlmStream.Completion completion = stream.open(request());
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                completion.next();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        WireServer.Exchange upstream = server.awaitExchange(Duration.ofSeconds(5));

        completion.close();

        assertThat(upstream.awaitClientClose(Duration.ofSeconds(3))).as("upstream socket closed by the client").isTrue();
        assertThat(reader.get(5, TimeUnit.SECONDS)).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.CANCELLED));
    }

    @Test
    void shouldCloseTheUpstreamConnectionWhenATimeoutFires() throws Exception {
        streamAgainst(timeouts(Duration.ofSeconds(10), SHORT, Duration.ofSeconds(10)), exchange -> {
            exchange.respond(200, "text/event-stream").write(DELTA);
            exchange.stall(Duration.ofSeconds(10));
        });
        LlmStream.Completion completion = stream.open(request());
        completion.next();
        WireServer.Exchange upstream = server.awaitExchange(Duration.ofSeconds(5));

        assertThatThrownBy(completion::next).isInstanceOf(LlmException.class).hasMessageContaining("idle timeout");

        assertThat(upstream.awaitClientClose(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void shouldThrowCancelledForEveryReadAfterClose() {
        streamAgainst(LlmTimeouts.DEFAULTS, exchange -> exchange.stall(Duration.ofSeconds(10)));
        LlmStream.Completion completion = stream.open(request());

        completion.close();
        completion.close();

        assertThatThrownBy(completion::next).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(Code.CANCELLED));
        assertThat(server.connections()).as("nothing sent after close").isZero();
    }
}
