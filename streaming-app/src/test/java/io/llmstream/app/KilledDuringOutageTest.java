package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.testkit.TcpProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL while PostgreSQL is away and answers wait in its journal: started again while the
 * database is still away, it comes up (not ready, 503 for what needs the database, the journal's backlog in its
 * readiness), and once the database is back it migrates and stores every one of them, once.
 */
class KilledDuringOutageTest {

    private static final String SERVER = System.getProperty("llmstream.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/api");
    private static final int STREAMS = 3;

    @TempDir
    Path dataDir;

    @Test
    void shouldStartDuringTheOutageAndStoreTheAnswersJournaledBeforeAKillOnceTheDatabaseIsBack() throws Exception {
        URI server = URI.create(SERVER.substring("jdbc:".length()));
        String schema = "t_killed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE SCHEMA " + schema);
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort());
                OpenAiWireUpstream upstream = new OpenAiWireUpstream();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            upstream.answering(List.of("Eins", " zwei", " drei"), Duration.ofMillis(800));
            String dbUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath() + "?currentSchema=" + schema;
            Process first = start(dbUrl, upstream);
            List<String> threads = new ArrayList<>();
            try {
                int port = port(first);
                post(http, port, "/api/v1/characters", "{\"role\":\"assistant\"}");
                for (int i = 0; i < STREAMS; i++) {
                    threads.add(json(post(http, port, "/api/v1/conversations", "{\"role\":\"assistant\"}")).get("thread_id").asText());
                }
                List<Socket> streams = new ArrayList<>();
                for (String thread : threads) {
                    streams.add(stream(port, thread));
                }
                for (Socket stream : streams) {
                    awaitFirstChunk(stream);
                }
                proxy.cut(); // the database goes away while the answers are still streaming
                for (Socket stream : streams) {
                    assertThat(readToEnd(stream)).contains("\"type\":\"done\"");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> backlog(http, port) >= STREAMS);
            } finally {
                first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no drain
            }

            Process second = start(dbUrl, upstream); // started again while the database is still away
            try {
                int port = port(second);
                HttpResponse<String> ready = get(http, port, "/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(AppFixture.JSON.readTree(ready.body()).path("details").path("journal").path("backlog").asInt())
                        .isEqualTo(STREAMS);
                HttpResponse<String> characters = get(http, port, "/api/v1/characters");
                assertThat(characters.statusCode()).as(characters.body()).isEqualTo(503);
                assertThat(characters.body()).startsWith("{");

                proxy.restore(); // the database is back: the server migrates, then stores what its journal holds
                await().atMost(Duration.ofSeconds(60)).until(() -> backlog(http, port) == 0);
                HttpResponse<String> readyAgain = get(http, port, "/health/ready");
                assertThat(readyAgain.statusCode()).as(readyAgain.body()).isEqualTo(200);
            } finally {
                second.destroy();
                second.waitFor();
            }
            try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT thread_id, role, status, content FROM " + schema
                            + ".messages ORDER BY seq")) {
                List<String> stored = new ArrayList<>();
                while (rows.next()) {
                    stored.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4));
                }
                List<String> expected = new ArrayList<>();
                for (String thread : threads) {
                    expected.add(thread + " user complete Frage");
                    expected.add(thread + " assistant complete Eins zwei drei");
                }
                assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Process start(String dbUrl, OpenAiWireUpstream upstream) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().put("HTTP_PORT", "0");
        builder.environment().put("DB_URL", dbUrl);
        builder.environment().put("DB_USER", "postgres");
        builder.environment().put("OPENAI_BASE_URL", upstream.baseUrl());
        builder.environment().put("OPENAI_API_KEY", "sk-test");
        builder.environment().put("RATE_LIMIT_PER_MINUTE", "0");
        return builder.start();
    }

    private static int port(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep the pipe drained
                return Integer.parseInt(listening.group(1));
            }
        }
        throw new AssertionError("the server did not start");
    }

    private static String post(HttpClient http, int port, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return AppFixture.JSON.readTree(body);
    }

    private static int backlog(HttpClient http, int port) throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return AppFixture.JSON.readTree(ready.body()).path("details").path("journal").path("backlog").asInt(-1);
    }

    /** Sends a stream request; the answer is read later. */
    private static Socket stream(int port, String thread) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        byte[] body = ("{\"thread_id\":\"" + thread + "\",\"message\":\"Frage\"}").getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/conversations/message/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static void awaitFirstChunk(Socket socket) throws Exception {
        StringBuilder seen = new StringBuilder();
        int b;
        while (seen.indexOf("\"chunk\"") < 0 && (b = socket.getInputStream().read()) >= 0) {
            seen.append((char) b);
        }
    }

    private static String readToEnd(Socket socket) throws Exception {
        try (socket) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
