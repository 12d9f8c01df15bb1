package io.llmstream.http.jersey;

import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.http.jersey.security.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients that send headers but hold back their bodies cannot stall the server, with or without authentication. */
class SlowBodyTest {

    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(4);
    private static final int SLOW_CLIENTS = 50;

    @Test
    void shouldKeepHealthAndStreamsAnsweringWhileFiftyClientsHoldBackTheirBodies() throws Exception {
        try (TestServer server = new TestServer(HttpSettings.defaults(), b -> b, c -> c.withBodyTimeout(BODY_TIMEOUT))) {
            keepsAnsweringWhileBodiesAreHeldBack(server, null);
        }
    }

    @Test
    void shouldKeepHealthAndStreamsAnsweringWhileFiftyAuthenticatedClientsHoldBackTheirBodies() throws Exception {
        try (TestServer server = new TestServer(HttpSettings.defaults(),
                b -> b.authenticator(NimbusJwtAuthenticator.sharedSecret(Tokens.SECRET.getBytes(StandardCharsets.UTF_8),
                        JwtPolicy.defaults())), c -> c.withBodyTimeout(BODY_TIMEOUT))) {
            keepsAnsweringWhileBodiesAreHeldBack(server, Tokens.hs256("patient-user"));
        }
    }

    private static void keepsAnsweringWhileBodiesAreHeldBack(TestServer server, String token) throws Exception {
        String auth = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = RawHttp.open(server.root);
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/chats HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"ti").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (i % 2 == 1) { // the other half trickles a byte now and then, never finishing in time
                    trickle.scheduleAtFixedRate(() -> writeQuietly(out), 300, 300, TimeUnit.MILLISECONDS);
                }
            }

            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                RawHttp.Answer live = RawHttp.exchange(server.root, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(live.status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            }
            long start = System.nanoTime();
            RawHttp.Answer created = RawHttp.exchange(server.root, post("/api/v1/chats", auth, "{\"title\":\"geduldig\"}"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String chat = Sse.json(created.body()).get("chat_id").asText();
            RawHttp.Answer stream = RawHttp.exchange(server.root, post("/api/sse/" + chat + "/stream", auth, "{\"message\":\"Hallo\"}"));
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.body()).contains("\"type\":\"done\"");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BODY_TIMEOUT);

            for (Socket socket : slow) {
                RawHttp.Answer refused = RawHttp.read(socket.getInputStream());
                MalformedRequestTest.assertJsonError(refused, 408);
                assertThat(refused.header("connection")).isEqualTo("close");
                assertThat(socket.getInputStream().read()).as("closed after the 408").isEqualTo(-1);
            }
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static String post(String path, String auth, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + json;
    }

    private static void writeQuietly(OutputStream out) {
        try {
            out.write(' ');
            out.flush();
        } catch (IOException e) {
            // refused and closed already
        }
    }
}
