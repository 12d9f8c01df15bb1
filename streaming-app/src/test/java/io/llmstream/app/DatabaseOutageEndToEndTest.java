package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmstream.testkit.TcpProxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL going away under running streams, through a proxy the test cuts: every question and every answer the
 * clients saw is stored exactly once, with the status its stream ended in.
 */
class DatabaseOutageEndToEndTest {

    private static final String SERVER = System.getProperty("llmstream.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final int STREAMS = 20;

    @TempDir
    Path dataDir;
    private TcpProxy proxy;
    private String schema;
    private AppFixture app;

    @BeforeEach
    void start() throws Exception {
        URI server = URI.create(SERVER.substring("jdbc:".length()));
        proxy = new TcpProxy(server.getHost(), server.getPort());
        schema = "t_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE SCHEMA " + schema);
        app = new AppFixture(dataDir, Map.of("db.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath()
                + "?currentSchema=" + schema, "db.user", "postgres", "streams.per-user-max", "50"));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        proxy.close();
        admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void shouldStoreEveryQuestionAndAnswerOnceWhenTheDatabaseIsDownDuringTwentyStreams() throws Exception {
        app.upstream.answering(List.of("Eins", " zwei", " drei", " vier"), Duration.ofMillis(400));
        app.post("/api/v1/characters", "{\"role\":\"assistant\"}");
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            threads.add(app.json(app.post("/api/v1/conversations", "{\"role\":\"assistant\"}")).get("thread_id").asText());
        }
        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (String thread : threads) {
            streams.add(app.http.sendAsync(HttpRequest.newBuilder(app.uri("/api/v1/conversations/message/stream"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"thread_id\":\"" + thread + "\",\"message\":\"Frage\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> app.server.core().activeStreams().count() == STREAMS);

        proxy.cut();
        for (CompletableFuture<HttpResponse<String>> stream : streams) {
            assertThat(AppFixture.Sse.parse(stream.get(30, TimeUnit.SECONDS).body()).last().get("type").asText()).isEqualTo("done");
        }
        // the answers reach the journal once the writer's first attempt against the missing database has failed
        await().atMost(Duration.ofSeconds(30)).until(() -> journalBacklog() == 2 * STREAMS
                || journalBacklog() > 0 && app.server.core().writer().pending() == 0);
        assertThat(app.json(app.get("/health/ready")).get("checks").get("database").asText()).isEqualTo("DOWN");
        Thread.sleep(5_000); // the rest of the outage itself, not a synchronisation
        proxy.restore();

        await().atMost(Duration.ofSeconds(60)).until(() -> journalBacklog() == 0 && app.server.core().writer().pending() == 0);
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT thread_id, role, status, content, count(*) OVER (PARTITION BY id) "
                        + "FROM " + schema + ".messages ORDER BY seq")) {
            List<String> stored = new ArrayList<>();
            while (rows.next()) {
                assertThat(rows.getInt(5)).as("each message stored once").isEqualTo(1);
                stored.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4));
            }
            List<String> expected = new ArrayList<>();
            for (String thread : threads) {
                expected.add(thread + " user complete Frage");
                expected.add(thread + " assistant complete Eins zwei drei vier");
            }
            Collections.sort(stored);
            Collections.sort(expected);
            assertThat(stored).containsExactlyElementsOf(expected);
        }
    }

    private int journalBacklog() throws Exception {
        return app.json(app.get("/health/ready")).path("details").path("journal").path("backlog").asInt(-1);
    }

    private static void admin(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
