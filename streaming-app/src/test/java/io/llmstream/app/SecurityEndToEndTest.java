package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The server with JWT authentication over real sockets: forged, expired and unsigned tokens, two users
 * who never see each other's resources (streams included), the 101st request of a minute, the stream cap,
 * and no secret in logs, error bodies, metrics or health.
 */
class SecurityEndToEndTest {

    static final String JWT_SECRET = "e2e-jwt-secret-4f9c2a7d1b8e6f3a5c0d9e2b7a4f1c8d";
    static final String API_KEY = "sk-test-secret-key";

    @TempDir
    static Path dataDir;

    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static final AppenderBase<ILoggingEvent> CAPTURE = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            LOG.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
    };
    private static AppFixture app;

    @BeforeAll
    static void start() throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install(); // as Main does: Jersey's and Grizzly's JUL records are captured too
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        CAPTURE.setContext(context);
        CAPTURE.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(CAPTURE);
        context.getLogger("io.llmstream").setLevel(Level.DEBUG);
        app = new AppFixture(dataDir, Map.of("auth.jwt-secret", JWT_SECRET, "openai.api-key", API_KEY,
                "rate-limit.per-minute", "100"));
    }

    @AfterAll
    static void stop() {
        app.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(CAPTURE);
        context.getLogger("io.llmstream").setLevel(null);
    }

    @Test
    void shouldRefuseMissingForgedExpiredAndUnsignedTokensWith401() throws Exception {
        String forged = token("mallory", "another-secret-that-is-long-enough-to-sign-hs256", Instant.now().plusSeconds(300));
        String expired = token("alice", JWT_SECRET, Instant.now().minusSeconds(3600));
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()).serialize();

        HttpResponse<String> missing = send(null, "GET", "/api/v1/characters", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        for (String bad : List.of(forged, expired, unsigned, "not-a-jwt")) {
            HttpResponse<String> response = send(bad, "GET", "/api/v1/characters", null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
            assertThat(app.json(response).get("statusCode").asInt()).isEqualTo(401);
            assertThat(response.body()).doesNotContain(bad).doesNotContain(JWT_SECRET);
        }
        assertThat(send(user("alice"), "GET", "/api/v1/characters", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldOpenTheWebSocketOnlyWithAValidJwtFromTheHeaderOrTheBearerSubprotocol() throws Exception {
        URI ws = URI.create(app.uri("/api/v1/ws").toString().replaceFirst("^http", "ws"));
        String forged = token("mallory", "another-secret-that-is-long-enough-to-sign-hs256", Instant.now().plusSeconds(300));
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> client.newWebSocketBuilder().header("Authorization", "Bearer " + forged)
                    .buildAsync(ws, new java.net.http.WebSocket.Listener() { }).get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .cause().isInstanceOf(java.net.http.WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));

            for (boolean subprotocol : new boolean[] {false, true}) {
                java.util.concurrent.CompletableFuture<String> pong = new java.util.concurrent.CompletableFuture<>();
                java.net.http.WebSocket.Builder builder = client.newWebSocketBuilder();
                String token = user("alice");
                if (subprotocol) {
                    builder.subprotocols("bearer." + token);
                } else {
                    builder.header("Authorization", "Bearer " + token);
                }
                java.net.http.WebSocket socket = builder.buildAsync(ws, new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data,
                            boolean last) {
                        pong.complete(data.toString());
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
                socket.sendText("{\"type\":\"ping\",\"request_id\":\"e2e\"}", true).join();

                assertThat(pong.get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("\"pong\"").contains("e2e");
                assertThat(socket.getSubprotocol()).isEqualTo(subprotocol ? "bearer." + token : "");
                socket.abort();
            }
        }
    }

    @Test
    void shouldAnswer404ForEveryResourceOfAnotherUserIncludingBothStreams() throws Exception {
        String alice = user("owner-alice");
        String bob = user("other-bob");
        String characterId = app.json(send(alice, "POST", "/api/v1/characters", "{\"role\":\"tutor\"}")).get("id").asText();
        String documentId = app.json(send(alice, "POST", "/api/v1/artifacts",
                "{\"role\":\"tutor\",\"title\":\"KI\",\"content\":\"KI steht für Künstliche Intelligenz.\"}")).get("id").asText();
        String threadId = app.json(send(alice, "POST", "/api/v1/conversations", "{\"role\":\"tutor\"}")).get("thread_id").asText();
        String chatId = app.json(send(alice, "POST", "/api/v1/chats", "{\"title\":\"privat\"}")).get("chat_id").asText();
        String message = "{\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\"}";
        assertThat(send(alice, "POST", "/api/v1/conversations/message/stream", message).statusCode()).isEqualTo(200);

        // characters
        assertThat(send(bob, "GET", "/api/v1/characters/tutor", null).statusCode()).isEqualTo(404);
        assertThat(send(bob, "PUT", "/api/v1/characters/" + characterId, "{\"role\":\"stolen\"}").statusCode()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/v1/characters/" + characterId, null).statusCode()).isEqualTo(404);
        assertThat(app.json(send(bob, "GET", "/api/v1/characters", null))).isEmpty();
        // knowledge documents
        assertThat(send(bob, "POST", "/api/v1/artifacts", "{\"role\":\"tutor\",\"title\":\"x\",\"content\":\"y\"}").statusCode())
                .isEqualTo(404);
        assertThat(send(bob, "GET", "/api/v1/artifacts?role=tutor", null).statusCode()).isEqualTo(404);
        assertThat(send(bob, "GET", "/api/v1/artifacts/" + documentId, null).statusCode()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/v1/artifacts/" + documentId, null).statusCode()).isEqualTo(404);
        // conversations, their messages and the conversation stream
        assertThat(send(bob, "POST", "/api/v1/conversations", "{\"role\":\"tutor\"}").statusCode()).isEqualTo(404);
        assertThat(send(bob, "GET", "/api/v1/conversations/" + threadId, null).statusCode()).isEqualTo(404);
        assertThat(app.json(send(bob, "GET", "/api/v1/conversations", null))).isEmpty();
        assertThat(send(bob, "POST", "/api/v1/conversations/message", message).statusCode()).isEqualTo(404);
        HttpResponse<String> stream = send(bob, "POST", "/api/v1/conversations/message/stream", message);
        assertThat(stream.statusCode()).isEqualTo(404);
        assertThat(stream.body()).doesNotContain("data:");
        // chats, their messages and the chat stream
        assertThat(send(bob, "GET", "/api/v1/chats/" + chatId, null).statusCode()).isEqualTo(404);
        assertThat(send(bob, "POST", "/api/sse/" + chatId + "/stream", "{\"message\":\"Hallo\"}").statusCode()).isEqualTo(404);

        // and alice still has all of it, untouched
        assertThat(send(alice, "GET", "/api/v1/characters/tutor", null).statusCode()).isEqualTo(200);
        assertThat(send(alice, "GET", "/api/v1/artifacts/" + documentId, null).statusCode()).isEqualTo(200);
        assertThat(send(alice, "GET", "/api/v1/chats/" + chatId, null).statusCode()).isEqualTo(200);
        assertThat(app.json(send(alice, "GET", "/api/v1/conversations/" + threadId, null)).get("messages").size()).isPositive();
    }

    @Test
    void shouldAnswerThe101stRequestWithinAMinuteWith429AndRetryAfter() throws Exception {
        String greedy = user("greedy");
        for (int i = 1; i <= 100; i++) {
            assertThat(send(greedy, "GET", "/api/v1/chats/00000000-0000-0000-0000-000000000000", null).statusCode())
                    .as("request %d", i).isEqualTo(404);
        }

        HttpResponse<String> refused = send(greedy, "GET", "/api/v1/characters", null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("100");
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(app.json(refused).get("message").asText()).startsWith("too many requests");
        assertThat(send(user("patient"), "GET", "/api/v1/characters", null).statusCode()).isEqualTo(200);
        assertThat(app.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(app.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseTheFifthConcurrentStreamOfAUserBeforeAnySseByte() throws Exception {
        String streamer = user("streamer");
        app.json(send(streamer, "POST", "/api/v1/characters", "{\"role\":\"bot\"}"));
        app.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // one answer at a time per dialogue: four threads
                String threadId = app.json(send(streamer, "POST", "/api/v1/conversations", "{\"role\":\"bot\"}")).get("thread_id").asText();
                Socket socket = openStream(streamer, threadId);
                open.add(socket);
                assertThat(readUntil(socket.getInputStream(), "\"chunk\"")).startsWith("HTTP/1.1 200");
            }
            String fifthThread = app.json(send(streamer, "POST", "/api/v1/conversations", "{\"role\":\"bot\"}")).get("thread_id").asText();
            try (Socket fifth = openStream(streamer, fifthThread)) {
                String answer = new String(fifth.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 429").contains("application/json").doesNotContain("data:")
                        .contains("at most 4 per user");
            }
            assertThat(send(user("someone-else"), "GET", "/api/v1/characters", null).statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
            app.upstream.mode(OpenAiWireUpstream.Mode.ANSWER);
        }
    }

    @Test
    void shouldKeepTheJwtSecretAndTheApiKeyOutOfLogsErrorBodiesMetricsAndHealth() throws Exception {
        String alice = user("hygiene");
        List<String> bodies = new ArrayList<>();
        bodies.add(send(alice, "POST", "/api/v1/characters", "{\"role\":\"hygiene\"}").body());
        String threadId = app.json(send(alice, "POST", "/api/v1/conversations", "{\"role\":\"hygiene\"}")).get("thread_id").asText();
        bodies.add(send(alice, "POST", "/api/v1/conversations/message/stream", "{\"thread_id\":\"" + threadId
                + "\",\"message\":\"Hallo\"}").body());
        app.upstream.mode(OpenAiWireUpstream.Mode.HTTP_500);
        bodies.add(send(alice, "POST", "/api/v1/conversations/message/stream", "{\"thread_id\":\"" + threadId
                + "\",\"message\":\"Noch mal\"}").body());
        app.upstream.mode(OpenAiWireUpstream.Mode.ANSWER);
        bodies.add(send(token("eve", JWT_SECRET + "-but-wrong", Instant.now().plusSeconds(60)), "GET", "/api/v1/characters", null).body());
        bodies.add(send(alice, "POST", "/api/v1/characters", "{not json").body());
        bodies.add(app.get("/metrics").body());
        bodies.add(app.get("/health/ready").body());
        bodies.add(app.get("/health/live").body());

        assertThat(LOG).as("captured log lines").isNotEmpty();
        assertThat(String.join("\n", LOG)).doesNotContain(JWT_SECRET).doesNotContain(API_KEY).doesNotContain(alice);
        assertThat(String.join("\n", bodies)).doesNotContain(JWT_SECRET).doesNotContain(API_KEY);
        assertThat(app.upstream.bodies()).isNotEmpty(); // the key was really used, upstream
    }

    static String user(String subject) throws JOSEException {
        return token(subject, JWT_SECRET, Instant.now().plusSeconds(600));
    }

    static String token(String subject, String secret, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .issueTime(new Date()).expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static HttpResponse<String> send(String token, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return app.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Socket openStream(String token, String threadId) throws IOException {
        Socket socket = new Socket("127.0.0.1", app.server.port());
        socket.setSoTimeout(10_000);
        byte[] body = ("{\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\"}").getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/conversations/message/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the connection ended before '" + marker + "'; got: " + received);
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
