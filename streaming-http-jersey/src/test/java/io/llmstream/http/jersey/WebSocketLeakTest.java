package io.llmstream.http.jersey;

import io.llmstream.http.jersey.json.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.testkit.ScriptedLlmStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Five hundred WebSocket clients leave without the closing handshake: a reset or a bare FIN, right after the upgrade,
 * after a ping, in the middle of a frame, or while an answer streams to them (pings of a short heartbeat in flight).
 * Afterwards the server holds no connection, subscription, connection thread, TCP connection or stream of theirs, and
 * no heap beyond what the store and the event log keep.
 */
class WebSocketLeakTest {

    private static final int CONNECTIONS = 500;
    private static final int CONCURRENT = 50;
    private static final long HEAP_TOLERANCE_BYTES = 32L * 1024 * 1024;
    private static final AtomicInteger OPEN_TCP = new AtomicInteger();
    private static TestServer server;
    private static List<String> chats;

    @BeforeAll
    static void startServer() {
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(Duration.ofMillis(500))
                .withStreamCaps(Integer.MAX_VALUE, Integer.MAX_VALUE), b -> b.authenticator(request -> "leaky"),
                StreamingSettings.defaults().withDetachGrace(Duration.ZERO), io.llmstream.core.usecase.InMemoryStreamEventLog.withDefaults());
        server.server.getListener("grizzly").getTransport().getConnectionMonitoringConfig().addProbes(new ConnectionProbe.Adapter() {
            @Override
            public void onAcceptEvent(Connection serverConnection, Connection clientConnection) {
                OPEN_TCP.incrementAndGet();
            }

            @Override
            public void onCloseEvent(Connection connection) {
                if (!(connection instanceof TCPNIOServerConnection)) {
                    OPEN_TCP.decrementAndGet();
                }
            }
        });
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
    void shouldLeaveNothingBehindWhenFiveHundredClientsLeaveWithoutAClosingHandshake() throws Exception {
        leaveAbruptly(CONCURRENT); // warm up: classes, pools, JIT
        awaitQuiet();
        assertTheThreadCountSeesConnectionThreads();
        awaitQuiet();
        int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = AbortedStreamsTest.usedHeapAfterGc();
        int tcpBefore = OPEN_TCP.get();

        leaveAbruptly(CONNECTIONS);
        awaitQuiet();

        assertThat(server.webSockets.count()).as("connections the server holds").isZero();
        assertThat(server.webSockets.subscriptions()).as("subscriptions").isZero();
        assertThat(connectionThreads()).as("live ws-* threads (writers, subscribers, sends, pings)").isZero();
        assertThat(server.core.activeStreams().count()).isZero();
        assertThat(server.llm.current().completions()).allSatisfy(c -> assertThat(c.isClosed()).isTrue());
        assertThat(OPEN_TCP.get()).as("open TCP connections").isLessThanOrEqualTo(tcpBefore);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(platformThreadsBefore + 4);
        assertThat(AbortedStreamsTest.usedHeapAfterGc() - heapBefore).isLessThan(HEAP_TOLERANCE_BYTES);
    }

    /** The measurement can fail: ten held connections show up as connections and as threads. */
    private static void assertTheThreadCountSeesConnectionThreads() throws Exception {
        List<RawWebSocket> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(RawWebSocket.upgrade(server.root, "/api/v1/ws"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.webSockets.count() == 10);
        assertThat(connectionThreads()).isGreaterThanOrEqualTo(10);
        for (RawWebSocket ws : held) {
            ws.reset();
        }
    }

    private static void leaveAbruptly(int count) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int batch = 0; batch < count; batch += CONCURRENT) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < CONCURRENT && batch + i < count; i++) {
                    String chat = chats.get(i);
                    int way = (batch + i) % 5;
                    running.add(clients.submit(() -> {
                        leave(way, chat);
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

    private static void leave(int way, String chat) throws IOException {
        RawWebSocket ws = RawWebSocket.upgrade(server.root, "/api/v1/ws");
        assertThat(ws.handshake().status()).isEqualTo(101);
        switch (way) {
            case 0 -> ws.reset(); // right after the upgrade
            case 1 -> {
                ws.sendText("{\"type\":\"ping\"}");
                ws.close(); // a FIN, no close frame, the pong unread
            }
            case 2 -> {
                ws.sendText(chatSend(chat));
                awaitFrame(ws, "chunk");
                ws.reset(); // mid-answer
            }
            case 3 -> {
                ws.sendText(chatSend(chat));
                awaitFrame(ws, "stream.started");
                ws.close(); // mid-answer, a FIN
            }
            default -> {
                ws.sendTruncated("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(500) + "\"}");
                ws.reset(); // in the middle of a frame
            }
        }
    }

    private static String chatSend(String chat) {
        return "{\"type\":\"chat.send\",\"chat_id\":\"" + chat + "\",\"message\":\"Zähle!\"}";
    }

    private static void awaitFrame(RawWebSocket ws, String type) throws IOException {
        while (!type.equals(Sse.json(ws.nextPonging().text()).path("type").asText())) {
            // skip the frames before it
        }
    }

    private static void awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                server.webSockets.count() == 0 && server.core.activeStreams().count() == 0 && connectionThreads() == 0
                        && server.llm.current().completions().stream().allMatch(c -> c.isClosed()));
    }

    /** Live threads named ws-*, virtual ones included (a JSON thread dump lists them; the thread MXBean does not). */
    private static int connectionThreads() throws IOException {
        Path dump = Files.createTempFile("threads", ".json");
        try {
            Files.delete(dump);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            int count = 0;
            for (JsonNode container : Json.MAPPER.readTree(dump.toFile()).path("threadDump").path("threadContainers")) {
                for (JsonNode thread : container.path("threads")) {
                    if (thread.path("name").asText().startsWith("ws-")) {
                        count++;
                    }
                }
            }
            return count;
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
