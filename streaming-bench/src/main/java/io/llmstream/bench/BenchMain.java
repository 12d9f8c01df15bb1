package io.llmstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of the load and latency harness: {@code java -jar streaming-bench.jar [--scenario small|a|b|c|d|e|upstream,...]
 * [--jar streaming-app.jar] [--out dir] [--streams N] [--tokens N] [--tps X] [--ramp-ms N] [--db-delay-ms N] [--service-heap 2g] [--service-jfr file] [--idle-hold-ms N]
 * [--subscribers N] [--service-env NAME=value,...] [--service-jvm "options"] [--warm-up true|false] [--transport sse|ws|sse,ws,...]
 * [--floor true|false] [--nodes 1|2] [--redis-pid PID]}; scenario {@code retained} measures the heap per retained ended stream.
 * {@code --service-jvm} adds JVM options after the fixed heap (e.g. {@code -XX:+UseZGC}); with {@code -XX:AOTCache...} options the
 * service runs its jar in place instead of a private copy, because an ahead-of-time cache is bound to the jar's path and time stamp
 * (and the floor does not get them). {@code --warm-up false} measures a cold service: no warm-up load before the idle phase and the
 * run. {@code --transport} lists how clients reach the service, each a run of its own with a
 * fresh service, back to back (SSE by default; {@code ws}: one WebSocket per stream); with more than one, a table of
 * their per-chunk figures and ratios follows. Every scenario through the service is run through the {@link BareRelay} too
 * (the floor; {@code --floor false} skips it) and reported next to it. Prints one Markdown section per run and writes it
 * under the output directory. With {@code STREAM_ENGINE=redis} the CPU of {@code redis-server} during the measured run is
 * reported too ({@code --redis-pid}, or the only redis-server running); {@code --nodes 2} runs two services on that Redis
 * and one PostgreSQL database, each stream started on one and followed ({@code --subscribers 2}) on the other.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs the named scenarios in order and prints their tables. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = parse(args);
        Path jar = Path.of(options.getOrDefault("jar", "streaming-app/target/streaming-app.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println("no service jar at " + jar + "; build it with ./mvnw -q -DskipTests package");
            System.exit(2);
        }
        Path out = Path.of(options.getOrDefault("out", "bench/results")).toAbsolutePath();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("llmstream-bench-");
        // a private copy: other builds may rewrite the jar in the working tree while a run is going on
        Path copy = work.resolve("streaming-app.jar");
        List<String> serviceJvm = List.of(options.getOrDefault("service-jvm", "").trim().split("\\s+")).stream()
                .filter(option -> !option.isEmpty()).toList();
        boolean aot = serviceJvm.stream().anyMatch(option -> option.startsWith("-XX:AOTCache"));
        String jarFacts = "service jar " + jar.getFileName() + " built " + Files.getLastModifiedTime(jar)
                + (aot ? " (run in place: an AOT cache is bound to it)" : "");
        if (!aot) {
            Files.copy(jar, copy);
            // and the embeddings jar the app jar's manifest names, when the build wrote it: the service as shipped
            Path pack = jar.resolveSibling("streaming-embedding.jar");
            if (Files.isRegularFile(pack)) {
                Files.copy(pack, work.resolve(pack.getFileName()));
            }
            jar = copy;
        }
        Map<String, String> extraEnv = new HashMap<>();
        for (String pair : options.getOrDefault("service-env", "").split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--service-env takes NAME=value[,NAME=value], got " + pair);
                }
                extraEnv.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        if (options.containsKey("service-jfr")) {
            extraEnv.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename="
                    + Path.of(options.get("service-jfr")).toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : options.getOrDefault("scenario", "small").split(",")) {
            scenarios.addAll(Scenarios.named(name.trim(), options));
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = out.resolve(stamp + "-" + options.getOrDefault("scenario", "small").replace(',', '_') + ".md");
        StringBuilder all = new StringBuilder();
        all.append("Machine: ").append(machine()).append("; ").append(jarFacts).append("\n\n");
        try (FakeUpstream upstream = new FakeUpstream()) {
            // a fixed, pre-touched heap keeps the RSS figures about what streams cost outside the heap
            String heap = options.getOrDefault("service-heap", "2g");
            List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch"));
            jvm.addAll(serviceJvm);
            all.append("Service JVM options: `").append(String.join(" ", jvm)).append("`, STREAMING_CHUNK_SIZE=1")
                    .append(options.containsKey("service-env") ? ", " + options.get("service-env") : "")
                    .append(options.getOrDefault("warm-up", "true").equals("false") ? "; no warm-up before the run" : "")
                    .append("; subscribers per stream: ").append(options.getOrDefault("subscribers", "1")).append(".\n\n");
            int nodes = Integer.parseInt(options.getOrDefault("nodes", "1"));
            Runner runner = new Runner(upstream, jar, work, extraEnv, jvm, System.err)
                    .holdIdle(Long.parseLong(options.getOrDefault("idle-hold-ms", "0")))
                    .subscribers(Integer.parseInt(options.getOrDefault("subscribers", "1")))
                    .floor(Boolean.parseBoolean(options.getOrDefault("floor", "true")))
                    .warmUp(Boolean.parseBoolean(options.getOrDefault("warm-up", "true")))
                    .nodes(nodes)
                    .redisPid(redisPid(options, extraEnv));
            if (nodes > 1) {
                scenarios.replaceAll(s -> s.renamed(s.name() + "-2nodes", s.title() + " — two nodes on one Redis and one PostgreSQL "
                        + "database: stream i is started on node i mod 2 and its other subscribers follow it on the other node; "
                        + "\"service\" heap, RSS, threads and files are node A's"));
            }
            System.out.print(all);
            List<String> transports = List.of(options.getOrDefault("transport", "sse").split(","));
            for (Scenario scenario : scenarios) {
                List<ScenarioResult> results = new ArrayList<>();
                for (String transport : transports) {
                    ScenarioResult result = runner.transport(target(transport)).run(transports.size() == 1 && transport.equals("sse")
                            ? scenario : scenario.renamed(scenario.name() + "-" + transport + (results.size() + 1),
                            scenario.title() + (transport.equals("ws") ? " — over WebSocket, one connection per stream" : " — over SSE")));
                    results.add(result);
                    publish(Report.render(result, extraEnv.get("DB_URL")), all, file);
                }
                if (transports.size() > 1) {
                    publish(Report.transports(scenario.name(), transports, results), all, file);
                }
            }
        }
        Files.deleteIfExists(copy); // 170 MB per run; the logs stay
        System.err.println("[bench] tables written to " + file + "; service logs under " + work);
    }

    /** {@code --redis-pid}, else with {@code STREAM_ENGINE=redis} the only redis-server running, else -1 (not measured). */
    private static long redisPid(Map<String, String> options, Map<String, String> env) {
        if (options.containsKey("redis-pid")) {
            return Long.parseLong(options.get("redis-pid"));
        }
        if (!"redis".equals(env.get("STREAM_ENGINE"))) {
            return -1;
        }
        List<Long> running = Proc.pidsNamed("redis-server");
        if (running.size() != 1) {
            System.err.println("[bench] " + running.size() + " redis-server processes " + running
                    + "; Redis CPU is not measured (name the one the service uses with --redis-pid)");
            return -1;
        }
        System.err.println("[bench] measuring the CPU of redis-server pid " + running.getFirst());
        return running.getFirst();
    }

    private static void publish(String section, StringBuilder all, Path file) throws IOException {
        System.out.print(section);
        System.out.flush();
        all.append(section);
        Files.writeString(file, all);
    }

    private static LoadGenerator.Target target(String transport) {
        return switch (transport.trim()) {
            case "sse" -> LoadGenerator.Target.SERVICE;
            case "ws" -> LoadGenerator.Target.SERVICE_WS;
            default -> throw new IllegalArgumentException("--transport takes sse and ws, got " + transport);
        };
    }

    private static String machine() {
        long fd = Scenarios.openFileLimit();
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            cpu = "?";
        }
        return String.format(Locale.ROOT, "%d vCPU %s, %.1f GiB RAM, JDK %s, open-file limit %d, load average %s",
                Runtime.getRuntime().availableProcessors(), cpu, totalMemoryGiB(), Runtime.version(), fd, loadAverage());
    }

    private static double totalMemoryGiB() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).getFirst();
            return Long.parseLong(line.replaceAll("\\D+", "")) / 1048576.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
