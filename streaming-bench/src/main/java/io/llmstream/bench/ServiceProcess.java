package io.llmstream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service under test as a child process ({@code java -jar streaming-app.jar}), configured through
 * environment variables only, plus the probes the harness reads: /proc, /metrics and {@code jcmd GC.run}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\".*\\} ([0-9.Ee+-]+)$");

    private final Process process;
    private final int port;
    private final Path log;
    private boolean closed;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private long startedMillis;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Milliseconds from the process's start to its first ready answer of /health/ready (polled every 10 ms). */
    long startedMillis() {
        return startedMillis;
    }

    /** Starts the jar and waits until it listens and answers /health/ready. */
    static ServiceProcess start(Path jar, Map<String, String> env, List<String> jvmOptions, Path log)
            throws IOException, InterruptedException {
        return start(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()), env, jvmOptions, log);
    }

    /** Starts {@link BareRelay} from the harness's own jar, the floor the service is compared with. */
    static ServiceProcess startFloor(Map<String, String> env, List<String> jvmOptions, Path log)
            throws IOException, InterruptedException {
        String classpath;
        try {
            classpath = Path.of(BareRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("where the harness's classes are is not a path", e);
        }
        return start(List.of("-cp", classpath, BareRelay.class.getName()), env, jvmOptions, log);
    }

    private static ServiceProcess start(List<String> what, Map<String, String> env, List<String> jvmOptions, Path log)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(what);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                ServiceProcess service = new ServiceProcess(process, Integer.parseInt(m.group(1)), log);
                service.awaitReady(deadline);
                service.startedMillis = (System.nanoTime() - started) / 1_000_000;
                return service;
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not start within 90 s; see " + log);
    }

    private void awaitReady(long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                if (get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the service never became ready; see " + log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    double cpuSeconds() {
        return Proc.cpuSeconds(pid());
    }

    long rssBytes() {
        return Proc.rssBytes(pid());
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap"}} over the heap pools, from /metrics. */
    long heapUsedBytes() throws IOException, InterruptedException {
        double sum = 0;
        for (String line : get("/metrics").body().split("\n")) {
            Matcher m = HEAP.matcher(line);
            if (m.matches()) {
                sum += Double.parseDouble(m.group(1));
            }
        }
        return (long) sum;
    }

    /** One metric line's value from /metrics (first match of the prefix), or NaN. */
    double metric(String prefix) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /**
     * The service's database statements so far, {reads, writes}, once they stopped changing for half a second (answers
     * are written after their done event): NaN where the service does not count them.
     */
    double[] settledStatements() throws IOException, InterruptedException {
        double[] last = statements();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            double[] now = statements();
            if (java.util.Arrays.equals(now, last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private double[] statements() throws IOException, InterruptedException {
        return new double[] {metric("llmstream_persistence_statements_total{kind=\"read\""),
                metric("llmstream_persistence_statements_total{kind=\"write\"")};
    }

    /** A full GC in the service (jcmd GC.run), so the heap figure that follows is live data only. */
    void gc() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The top of {@code jcmd GC.class_histogram} (live objects by class), written to {@code file}. */
    void classHistogram(Path file) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.class_histogram")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
        p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Creates one chat and returns its id. */
    String createChat() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/chats"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("POST /api/v1/chats answered " + response.statusCode() + ": " + response.body());
        }
        return JsonText.stringField(response.body(), "chat_id")
                .orElseThrow(() -> new IOException("no chat_id in " + response.body()));
    }

    /** The HTTP status the service answers a GET of {@code path} with. */
    int statusOf(String path) throws IOException, InterruptedException {
        return get(path).statusCode();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy(); // SIGTERM: the graceful shutdown
        try {
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
