package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own, as an operator starts it, with a clean environment: no provider keys, embedded H2
 * and in-process streams under its own data directory, a free port.
 */
final class AppProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/api");

    private final Process process;
    private final List<String> startLog;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private AppProcess(Process process, List<String> startLog, int port) {
        this.process = process;
        this.startLog = startLog;
        this.port = port;
    }

    /** The jar the build just shaded ({@code shaded.dir} is set by the {@code shaded-jar} execution). */
    static Path appJar() {
        return Path.of(System.getProperty("shaded.dir", "target"), "streaming-app.jar");
    }

    /** Starts {@code java -jar jar} (nothing else on the class path) and returns once it listens. */
    static AppProcess startJar(Path jar, Path dataDir, Map<String, String> environment) throws IOException {
        return start(List.of("-jar", jar.toAbsolutePath().toString()), dataDir, environment);
    }

    /** Starts {@code java} with {@code arguments} and returns once it listens; fails with its output when it exits first. */
    static AppProcess start(List<String> arguments, Path dataDir, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().put("HTTP_PORT", "0");
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        for (String line; port < 0 && (line = out.readLine()) != null; ) {
            lines.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
            }
        }
        if (port < 0) {
            process.destroyForcibly();
        }
        assertThat(port).as("started: %s", lines).isPositive();
        // the rest of the output is not read: drain it so a chatty child never blocks on a full pipe
        Thread.ofVirtual().start(() -> out.lines().forEach(line -> { }));
        return new AppProcess(process, List.copyOf(lines), port);
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    /** What the process logged until it listened. */
    List<String> startLog() {
        return startLog;
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("HTTP status of %s", response.body()).isBetween(200, 299);
        return AppFixture.JSON.readTree(response.body());
    }

    /** A character with one German document of two passages and a conversation with it; returns the thread id. */
    String germanKnowledgeBase() throws Exception {
        json(post("/api/v1/characters", "{\"role\":\"makler\",\"system_prompt\":\"Du bist Makler.\"}"));
        json(post("/api/v1/artifacts", "{\"role\":\"makler\",\"title\":\"Wohnung Lindenstraße\",\"content_type\":\"text/markdown\","
                + "\"content\":\"## Miete\\n\\nDie Wohnung in der Lindenstraße kostet 650 Euro kalt.\\n\\n## Kaution\\n\\n"
                + "Für die Wohnung in der Lindenstraße ist eine Kaution von drei Monatsmieten zu zahlen.\"}"));
        return json(post("/api/v1/conversations", "{\"role\":\"makler\"}")).get("thread_id").asText();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        http.close();
    }
}
