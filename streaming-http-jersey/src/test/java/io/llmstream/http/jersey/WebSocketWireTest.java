package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmstream.core.usecase.StreamingSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/ws} byte by byte over a plain socket: the upgrade, broken frames, a client that never pongs. */
class WebSocketWireTest {

    private TestServer server;

    private void start(Duration heartbeat) {
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(heartbeat),
                b -> b.authenticator(WebSocketTest::authenticate), StreamingSettings.defaults().withDetachGrace(Duration.ZERO),
                io.llmstream.core.usecase.InMemoryStreamEventLog.withDefaults());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerAHandWrittenUpgradeWith101TheRfcAcceptKeyAndTheEchoedBearerSubprotocol() throws Exception {
        start(Duration.ofHours(1));
        try (RawWebSocket ws = RawWebSocket.upgrade(server.root, "/api/v1/ws",
                "Sec-WebSocket-Protocol: bearer.ok-alice")) {
            RawWebSocket.Handshake handshake = ws.handshake();

            assertThat(handshake.status()).isEqualTo(101);
            assertThat(handshake.header("Upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(handshake.header("Sec-WebSocket-Accept")).isEqualTo(handshake.expectedAccept());
            assertThat(handshake.header("Sec-WebSocket-Protocol")).isEqualTo("bearer.ok-alice");
            ws.sendText("{\"type\":\"ping\",\"request_id\":\"by-hand\"}");
            assertThat(Sse.json(ws.nextNotPing().text()).get("request_id").asText()).isEqualTo("by-hand");
        }
    }

    @Test
    void shouldCloseAnUnmaskedClientFrameWith1002AndStayHealthy() throws Exception {
        start(Duration.ofHours(1));
        assertClosedWith(1002, ws -> ws.sendText("{\"type\":\"ping\"}")
                .send(RawWebSocket.TEXT, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), false));
    }

    @Test
    void shouldCloseAFrameWithAReservedOpcodeWith1002AndStayHealthy() throws Exception {
        start(Duration.ofHours(1));
        assertClosedWith(1002, ws -> ws.send(0x3, new byte[] {1, 2, 3}, true));
    }

    @Test
    void shouldCloseATextFrameThatIsNotUtf8With1007AndStayHealthy() throws Exception {
        start(Duration.ofHours(1));
        assertClosedWith(1007, ws -> ws.send(RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, true));
    }

    @Test
    void shouldClose1001AClientThatLeavesAPingUnansweredForAHeartbeat() throws Exception {
        start(Duration.ofMillis(300));
        try (RawWebSocket ws = RawWebSocket.upgrade(server.root, "/api/v1/ws", "Authorization: Bearer ok-alice")) {
            assertThat(ws.handshake().status()).isEqualTo(101);

            assertThat(ws.next().opcode()).as("a ping after one heartbeat").isEqualTo(RawWebSocket.PING);
            long pinged = System.nanoTime();
            RawWebSocket.Frame close = ws.nextNotPing();
            Duration unanswered = Duration.ofNanos(System.nanoTime() - pinged);

            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("no pong");
            assertThat(unanswered).as("the ping had a whole heartbeat to be answered").isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            assertThat(ws.serverClosedTcp()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.webSockets.count() == 0);
        }
    }

    @FunctionalInterface
    private interface Breach {
        void send(RawWebSocket ws) throws IOException;
    }

    /** The breach closes the connection with the code, and a new connection is served as if nothing happened. */
    private void assertClosedWith(int code, Breach breach) throws Exception {
        try (RawWebSocket ws = RawWebSocket.upgrade(server.root, "/api/v1/ws", "Authorization: Bearer ok-alice")) {
            assertThat(ws.handshake().status()).isEqualTo(101);
            breach.send(ws);

            RawWebSocket.Frame close = ws.nextNotPing();
            while (close.opcode() != RawWebSocket.CLOSE) {
                close = ws.nextNotPing(); // answers to what came before the breach
            }
            assertThat(close.closeCode()).isEqualTo(code);
            assertThat(ws.serverClosedTcp()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.webSockets.count() == 0);
        try (RawWebSocket healthy = RawWebSocket.upgrade(server.root, "/api/v1/ws", "Authorization: Bearer ok-alice")) {
            healthy.sendText("{\"type\":\"ping\"}");
            assertThat(Sse.json(healthy.nextNotPing().text()).get("type").asText()).isEqualTo("pong");
        }
    }
}
