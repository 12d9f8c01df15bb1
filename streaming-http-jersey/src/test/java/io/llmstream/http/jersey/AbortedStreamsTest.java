package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.testkit.ScriptedLlmStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A thousand clients leave their streams at random points (before the headers, after them, after some
 * chunks; with a clean close or a reset) while the upstream keeps streaming and then stalls. Afterwards no
 * stream thread, no platform thread, no open upstream and no heap beyond what the store keeps is left.
 */
class AbortedStreamsTest {

    private static final int STREAMS = 1000;
    private static final int CONCURRENT = 50;
    private static final long HEAP_TOLERANCE_BYTES = 32L * 1024 * 1024;
    private static TestServer server;
    private static List<String> chats;

    @BeforeAll
    static void startServer() {
        // one local user opens many streams at once here: lift the per-user cap (StreamCapsTest proves the caps)
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(Duration.ofMillis(40))
                .withStreamCaps(Integer.MAX_VALUE, Integer.MAX_VALUE), b -> b);
        server.llm.script(ScriptedLlmStream.thatStreams("Eins", " zwei", " drei", " vier", " fünf", " sechs")
                .withDelay(Duration.ofMillis(3)).thenStalls());
        Api api = new Api(server);
        chats = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            chats.add(api.chat());
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldLeaveNothingBehindWhenAThousandClientsAbortAtRandomPoints() throws Exception {
        abortStreams(CONCURRENT, new Random(1)); // warm up: classes, pools, JIT
        awaitQuiet();
        int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = usedHeapAfterGc();
        int completionsBefore = server.llm.current().completions().size();

        abortStreams(STREAMS, new Random(42));
        awaitQuiet();

        // a client that left before its stream reached the LLM (its close is seen at once) opens no completion
        assertThat(server.llm.current().completions()).hasSizeLessThanOrEqualTo(completionsBefore + STREAMS)
                .hasSizeGreaterThan(completionsBefore).allSatisfy(c -> assertThat(c.isClosed()).isTrue());
        assertThat(server.sseStreams.runningSubscribers()).isZero();
        assertThat(server.core.activeStreams().count()).isZero();
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(platformThreadsBefore + 4);
        assertThat(usedHeapAfterGc() - heapBefore).isLessThan(HEAP_TOLERANCE_BYTES);
        await().atMost(Duration.ofSeconds(20)).until(() -> interruptedAnswers() == STREAMS + CONCURRENT);
    }

    private static void abortStreams(int count, Random random) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int batch = 0; batch < count; batch += CONCURRENT) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < CONCURRENT && batch + i < count; i++) {
                    String chat = chats.get(i);
                    int abortAfter = random.nextInt(6) - 1;
                    boolean reset = random.nextBoolean();
                    running.add(clients.submit(() -> {
                        abortOne(chat, abortAfter, reset);
                        return null;
                    }));
                }
                for (Future<?> client : running) {
                    client.get();
                }
                // one answer at a time per chat: the next batch reuses these chats once their streams have ended
                await().atMost(Duration.ofSeconds(20)).until(() -> server.core.activeStreams().count() == 0);
            }
        }
    }

    /** abortAfter -1: right after sending the request; 0: after the headers; n: after n events. */
    private static void abortOne(String chat, int abortAfter, boolean reset) throws IOException {
        try (Sse.RawClient client = new Sse.RawClient(server.root)) {
            client.post("/api/sse/" + chat + "/stream", "{\"message\":\"Zähle!\"}");
            if (abortAfter >= 0) {
                readEvents(client.in, abortAfter);
            }
            if (reset) {
                client.socket.setSoLinger(true, 0);
            }
        }
    }

    private static void readEvents(InputStream in, int events) throws IOException {
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!received.toString().contains("\r\n\r\n") || count(received, "data: ") < events) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server ended the stream: " + received);
            }
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
    }

    private static int count(CharSequence text, String needle) {
        int count = 0;
        for (int at = text.toString().indexOf(needle); at >= 0; at = text.toString().indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static void awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                server.sseStreams.runningSubscribers() == 0 && server.core.activeStreams().count() == 0
                        && server.llm.current().completions().stream().allMatch(c -> c.isClosed()));
    }

    private static long interruptedAnswers() {
        return chats.stream().flatMap(c -> server.store.messagesOf(DialogueRef.chat(UUID.fromString(c))).stream())
                .filter(m -> m.role() == MessageRole.ASSISTANT && m.status() == MessageStatus.INTERRUPTED).count();
    }

    /** The heap in use after collections that provably ran: each clears a weakly held sentinel before the next. */
    static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            WeakReference<Object> sentinel = new WeakReference<>(new Object());
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).until(() -> {
                System.gc();
                return sentinel.get() == null;
            });
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
