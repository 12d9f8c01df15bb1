package io.llmstream.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one scenario: the load straight at the fake upstream, then a fresh service process, a warm-up,
 * the idle-memory phase (all streams open, first token held back) and the measured load through the service.
 */
final class Runner {

    private static final long SELF = ProcessHandle.current().pid();

    private final FakeUpstream upstream;
    private final LoadGenerator generator;
    private final Path jar;
    private final Path workDir;
    private final Map<String, String> extraEnv;
    private final List<String> serviceJvmOptions;
    /** How long the idle phase keeps its streams open after measuring, for a manual heap or JFR dump; 0: not at all. */
    private long idleHoldMillis;
    /** Clients per stream through the service: the one that starts it, and {@code subscribers - 1} that follow it. */
    private int subscribers = 1;
    /** How clients reach the service: SSE (one POST per stream) or a WebSocket per stream. */
    private LoadGenerator.Target transport = LoadGenerator.Target.SERVICE;
    private boolean floor = true;
    /** Whether the service gets the warm-up load before it is measured; without it the idle phase and run meet a cold JIT. */
    private boolean warmUp = true;
    /** Service processes sharing one Redis and one database (STREAM_ENGINE=redis); 1: the service alone. */
    private int nodes = 1;
    /** The redis-server whose CPU is measured beside the service's; -1: none. */
    private long redisPid = -1;
    private final PrintStream progress;

    Runner(FakeUpstream upstream, Path jar, Path workDir, Map<String, String> extraEnv, List<String> serviceJvmOptions,
           PrintStream progress) {
        this.serviceJvmOptions = List.copyOf(serviceJvmOptions);
        this.upstream = upstream;
        this.generator = new LoadGenerator(upstream);
        this.jar = jar;
        this.workDir = workDir;
        this.extraEnv = Map.copyOf(extraEnv);
        this.progress = progress;
    }

    /** Keeps the idle phase's streams open this long after its measurements (for {@code jcmd} by hand). */
    Runner holdIdle(long millis) {
        this.idleHoldMillis = millis;
        return this;
    }

    /** Clients per stream through the service (1: only the one that starts it; more need stream resources). */
    Runner subscribers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("subscribers must be 1 or more, was " + count);
        }
        this.subscribers = count;
        return this;
    }

    /** Whether every scenario through the service also runs through the {@link BareRelay}, the floor (default: yes). */
    Runner floor(boolean measure) {
        this.floor = measure;
        return this;
    }

    /**
     * Whether the service is warmed up (200 streams × 150 tokens) before the idle phase and the measured run (default:
     * yes); without, the measured run shows what a cold start costs (the floor is warmed up either way).
     */
    Runner warmUp(boolean before) {
        this.warmUp = before;
        return this;
    }

    /**
     * Runs the service as {@code count} nodes (1 or 2) on the same Redis and database: node ids {@code <NODE_ID>-a},
     * {@code -b}; stream {@code i} is started on node {@code i % count} and its extra subscribers follow it on the
     * other node. The idle phase (heap per stream) is skipped with two nodes.
     */
    Runner nodes(int count) {
        if (count < 1 || count > 2) {
            throw new IllegalArgumentException("nodes must be 1 or 2, was " + count);
        }
        if (count > 1 && !"redis".equals(extraEnv.get("STREAM_ENGINE"))) {
            throw new IllegalArgumentException("two nodes share their streams through Redis: add STREAM_ENGINE=redis (and a "
                    + "PostgreSQL DB_URL) to --service-env");
        }
        this.nodes = count;
        return this;
    }

    /** The redis-server process whose CPU during the measured run is reported beside the service's (-1: none). */
    Runner redisPid(long pid) {
        this.redisPid = pid;
        return this;
    }

    /** SSE ({@link LoadGenerator.Target#SERVICE}) or WebSocket ({@link LoadGenerator.Target#SERVICE_WS}). */
    Runner transport(LoadGenerator.Target target) {
        if (target == LoadGenerator.Target.DIRECT) {
            throw new IllegalArgumentException("the transport to the service is SERVICE or SERVICE_WS");
        }
        this.transport = target;
        return this;
    }

    ScenarioResult run(Scenario s) throws IOException, InterruptedException {
        FakeUpstream.Plan plan = new FakeUpstream.Plan(s.tokens(), s.tokensPerSecond(), s.ttftMillis(), s.jitter(), null);
        Duration timeout = Duration.ofMillis((long) (s.streamSeconds() * 2000) + 60_000);
        LoadGenerator.Load directLoad = new LoadGenerator.Load(s.streams(), s.rampMillis(), s.tokens(), s.disconnectFraction(), timeout);
        LoadGenerator.Load load = new LoadGenerator.Load(s.streams(), s.rampMillis(), s.tokens(), s.disconnectFraction(), timeout,
                subscribers);

        RunSummary direct = null;
        double directCpu = Double.NaN;
        if (s.compareDirect()) {
            say("%s: warm-up, then %d streams straight at the fake upstream", s.name(), s.streams());
            warmUp(LoadGenerator.Target.DIRECT, new int[] {upstream.port()}, List.of());
            upstream.beginRun(plan, s.streams());
            double cpu0 = Proc.cpuSeconds(SELF);
            long t0 = System.nanoTime();
            List<StreamResult> results = generator.run(LoadGenerator.Target.DIRECT, upstream.port(), List.of(), directLoad);
            direct = RunSummary.of(results, upstream, (System.nanoTime() - t0) / 1e9);
            directCpu = Proc.cpuSeconds(SELF) - cpu0;
            say("%s: direct done: %d ok, %d errors, %d chunks", s.name(), direct.ok(), direct.errors(), direct.chunks());
        }
        if (!s.throughService()) {
            return new ScenarioResult(s, direct, directCpu, null, Double.NaN, null, upstream.counters(), upstream.counters().active(),
                    1, null, null, List.of());
        }
        Path dataDir = Files.createTempDirectory(workDir, "service-" + s.name() + "-");
        DelayProxy proxy = s.dbDelayMillis() >= 0 ? postgresBehindProxy(s.dbDelayMillis()) : null;
        try (ServiceProcess service = ServiceProcess.start(jar, env(dataDir, proxy, "a"), serviceJvmOptions,
                workDir.resolve("service-" + s.name() + ".log"));
             ServiceProcess second = nodes < 2 ? null : ServiceProcess.start(jar,
                     env(Files.createTempDirectory(workDir, "service-" + s.name() + "-b-"), proxy, "b"), serviceJvmOptions,
                     workDir.resolve("service-" + s.name() + "-b.log"))) {
            say("%s: service pid %d on port %d, ready %d ms after its start%s%s", s.name(), service.pid(), service.port(),
                    service.startedMillis(),
                    second == null ? "" : String.format(" and pid %d on port %d", second.pid(), second.port()),
                    warmUp ? "; warm-up" : "; no warm-up");
            int[] ports = second == null ? new int[] {service.port()} : new int[] {service.port(), second.port()};
            if (warmUp) {
                List<String> warmChats = createChats(service, Math.min(200, s.streams()));
                warmUp(transport, ports, warmChats);
            }
            say("%s: creating %d chats", s.name(), s.streams());
            List<String> chats = createChats(service, s.streams());
            if (s.retainedHeap()) {
                return retained(s, service, chats, plan, load);
            }
            service.gc();
            long baseHeap = service.heapUsedBytes();
            long baseRss = service.rssBytes();

            long[] idle = {-1, -1, -1, -1};
            if (second == null) {
                say("%s: idle phase: %d streams open, first token held back", s.name(), s.streams());
                idle = idlePhase(service, chats, s);
            }

            double[] statements0 = service.settledStatements();
            say("%s: %d streams through the service", s.name(), s.streams());
            upstream.beginRun(plan, s.streams());
            Sampler sampler = new Sampler(service, s.activeGc() ? (long) (s.rampMillis() + s.streamSeconds() * 500) : -1);
            Thread sampling = Thread.ofVirtual().start(sampler);
            double cpu0 = service.cpuSeconds();
            double sys0 = Proc.systemCpuSeconds(service.pid());
            double[] jitGc0 = Proc.jitAndGcCpuSeconds(service.pid());
            double harness0 = Proc.cpuSeconds(SELF);
            double secondCpu0 = second == null ? Double.NaN : second.cpuSeconds();
            double redisCpu0 = redisPid < 0 ? Double.NaN : Proc.cpuSeconds(redisPid);
            long t0 = System.nanoTime();
            List<StreamResult> results = generator.run(transport, ports, chats, load);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = service.cpuSeconds() - cpu0;
            List<ScenarioResult.ProcessCpu> alongside = new ArrayList<>();
            if (second != null) {
                alongside.add(new ScenarioResult.ProcessCpu("service, node B (pid " + second.pid() + ")", second.cpuSeconds() - secondCpu0));
            }
            if (redisPid >= 0) {
                alongside.add(new ScenarioResult.ProcessCpu("redis-server (pid " + redisPid + ")", Proc.cpuSeconds(redisPid) - redisCpu0));
            }
            double sys = Proc.systemCpuSeconds(service.pid()) - sys0;
            double[] jitGc = Proc.jitAndGcCpuSeconds(service.pid());
            double harnessCpu = Proc.cpuSeconds(SELF) - harness0;
            sampler.stop.set(true);
            sampling.join(Duration.ofSeconds(70));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (upstream.counters().active() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            RunSummary through = RunSummary.of(results, upstream, seconds);
            say("%s: service done: %d ok, %d errors, %d chunks", s.name(), through.ok(), through.errors(), through.chunks());
            double[] statements = service.settledStatements();
            ServiceFigures figures = new ServiceFigures(cpu, sys, jitGc[0] - jitGc0[0], jitGc[1] - jitGc0[1], baseHeap,
                    baseRss, idle[0], idle[1], sampler.heapMax.get(),
                    sampler.rssMax.get(), sampler.liveHeap, sampler.liveRss, Math.max(idle[2], sampler.threadsMax.get()),
                    Math.max(idle[3], sampler.filesMax.get()), statements[0] - statements0[0], statements[1] - statements0[1]);
            ScenarioResult result = new ScenarioResult(s, direct, directCpu, through, harnessCpu, figures, upstream.counters(),
                    upstream.counters().active(), subscribers, null, null, alongside);
            service.close(); // the floor runs alone on the machine, as the service did
            if (second != null) {
                second.close();
            }
            return floor ? result.withFloor(floor(s, plan)) : result;
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    /**
     * The same load through the {@link BareRelay} (over SSE, one subscriber per stream): a fresh process, the same
     * warm-up, then the measured run with its process CPU.
     */
    private ScenarioResult.Floor floor(Scenario s, FakeUpstream.Plan plan) throws IOException, InterruptedException {
        Map<String, String> env = Map.of("HTTP_PORT", "0", "OPENAI_BASE_URL", upstream.baseUrl());
        // an AOT cache (or its training) belongs to the service's jar, not to the relay's classes
        List<String> jvm = serviceJvmOptions.stream().filter(option -> !option.startsWith("-XX:AOTCache")).toList();
        try (ServiceProcess relay = ServiceProcess.startFloor(env, jvm, workDir.resolve("floor-" + s.name() + ".log"))) {
            say("%s: floor (bare relay) pid %d on port %d; warm-up", s.name(), relay.pid(), relay.port());
            warmUp(LoadGenerator.Target.SERVICE, new int[] {relay.port()}, createChats(relay, Math.min(200, s.streams())), 1);
            List<String> chats = createChats(relay, s.streams());
            Duration timeout = Duration.ofMillis((long) (s.streamSeconds() * 2000) + 60_000);
            upstream.beginRun(plan, s.streams());
            double cpu0 = relay.cpuSeconds();
            long t0 = System.nanoTime();
            List<StreamResult> results = generator.run(LoadGenerator.Target.SERVICE, relay.port(), chats,
                    new LoadGenerator.Load(s.streams(), s.rampMillis(), s.tokens(), s.disconnectFraction(), timeout));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = relay.cpuSeconds() - cpu0;
            RunSummary summary = RunSummary.of(results, upstream, seconds);
            say("%s: floor done: %d ok, %d errors, %d chunks", s.name(), summary.ok(), summary.errors(), summary.chunks());
            return new ScenarioResult.Floor(summary, cpu);
        }
    }

    /**
     * Runs every stream to its end, then measures the live heap they leave behind (after full GCs) against the live heap
     * before them, and asks the service about a sample of them ({@code GET /api/v1/streams/<id>/events}: 200 = still kept,
     * 410 = expired).
     */
    private ScenarioResult retained(Scenario s, ServiceProcess service, List<String> chats, FakeUpstream.Plan plan,
                                    LoadGenerator.Load load) throws IOException, InterruptedException {
        service.gc();
        service.gc();
        long before = service.heapUsedBytes();
        say("%s: heap before %.1f MiB; %d streams of %d tokens to their end", s.name(), before / 1048576.0, s.streams(), s.tokens());
        upstream.beginRun(plan, s.streams());
        double harness0 = Proc.cpuSeconds(SELF);
        long t0 = System.nanoTime();
        List<StreamResult> results = generator.run(transport, service.port(), chats, load);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double harnessCpu = Proc.cpuSeconds(SELF) - harness0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (upstream.counters().active() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(2000); // the answers' database writes are queued behind the done event
        service.gc();
        service.gc();
        long after = service.heapUsedBytes();
        double since = (System.nanoTime() - t0) / 1e9;
        int sampled = 0;
        int kept = 0;
        int step = Math.max(1, results.size() / 20);
        for (int i = 0; i < results.size(); i += step) {
            String id = results.get(i).streamId;
            if (id != null) {
                sampled++;
                // the events, not the status: GET /api/v1/streams/<id> still answers from what the service remembers
                // of a stream after its events expired; its events answer 410 then
                if (service.statusOf("/api/v1/streams/" + id + "/events") == 200) {
                    kept++;
                }
            }
        }
        RunSummary through = RunSummary.of(results, upstream, seconds);
        say("%s: heap after %.1f MiB (%d ok, %d errors); %d of %d sampled streams still kept", s.name(), after / 1048576.0,
                through.ok(), through.errors(), kept, sampled);
        return new ScenarioResult(s, null, Double.NaN, through, harnessCpu, null, upstream.counters(),
                upstream.counters().active(), subscribers,
                new ScenarioResult.RetainedFigures(s.streams(), before, after, sampled, kept, since), null, List.of());
    }

    /** Opens every stream with the first token held back; returns heap, RSS, threads and open files once all wait. */
    private long[] idlePhase(ServiceProcess service, List<String> chats, Scenario s) throws IOException, InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        upstream.beginRun(new FakeUpstream.Plan(1, 1000, 0, 0, gate), s.streams());
        long before = upstream.counters().requests();
        LoadGenerator.Load idleLoad = new LoadGenerator.Load(s.streams(), s.rampMillis(), 1, 0, Duration.ofSeconds(120),
                subscribers);
        Thread load = Thread.ofVirtual().start(() -> {
            try {
                generator.run(transport, service.port(), chats, idleLoad);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + Duration.ofMillis(s.rampMillis() + 60_000).toNanos();
        while (upstream.counters().requests() - before < s.streams() && System.nanoTime() < deadline && load.isAlive()) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        service.gc();
        long[] figures = {service.heapUsedBytes(), service.rssBytes(), Proc.threads(service.pid()), Proc.openFiles(service.pid())};
        Path histogram = workDir.resolve("histogram-idle-" + s.name() + ".txt");
        service.classHistogram(histogram);
        say("%s: live objects with all streams idle: %s", s.name(), histogram);
        say("%s: idle: %d of %d upstream requests arrived", s.name(), upstream.counters().requests() - before, s.streams());
        if (idleHoldMillis > 0) {
            say("%s: holding the idle streams %d ms (service pid %d) for a heap dump or JFR dump", s.name(), idleHoldMillis,
                    service.pid());
            Thread.sleep(idleHoldMillis);
        }
        gate.countDown();
        load.join(Duration.ofSeconds(130));
        return figures;
    }

    private void warmUp(LoadGenerator.Target target, int[] ports, List<String> chats) throws InterruptedException {
        warmUp(target, ports, chats, target != LoadGenerator.Target.DIRECT ? subscribers : 1);
    }

    private void warmUp(LoadGenerator.Target target, int[] ports, List<String> chats, int clients) throws InterruptedException {
        int n = target != LoadGenerator.Target.DIRECT ? chats.size() : 200;
        upstream.beginRun(new FakeUpstream.Plan(150, 100, 0, 0, null), n);
        generator.run(target, ports, chats, new LoadGenerator.Load(n, 1000, 150, 0, Duration.ofSeconds(60), clients));
    }

    private List<String> createChats(ServiceProcess service, int count) throws InterruptedException {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, (String) null)));
        Semaphore permits = new Semaphore(16);
        List<Thread> threads = new ArrayList<>(count);
        AtomicLong failures = new AtomicLong();
        // the first chat alone: the service creates its owner row on first use, and concurrent first uses
        // of one owner collide on that row (unique violation, 500); see docs/benchmarks.md
        for (int i = 0; i < count; i++) {
            int index = i;
            permits.acquire();
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    ids.set(index, createChatWithRetries(service));
                } catch (IOException e) {
                    failures.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    permits.release();
                }
            });
            threads.add(thread);
            if (i == 0) {
                thread.join();
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " chats could not be created");
        }
        return List.copyOf(ids);
    }

    private static String createChatWithRetries(ServiceProcess service) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return service.createChat();
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private Map<String, String> env(Path dataDir, DelayProxy proxy, String node) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", "0");
        env.put("DATA_DIR", dataDir.toString());
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "bench-key");
        env.put("OPENAI_MODEL", "bench");
        env.put("LLM_PROVIDER", "openai");
        env.put("STREAMING_CHUNK_SIZE", "1");
        env.put("STREAMING_HEARTBEAT_SECONDS", "15");
        env.put("SHUTDOWN_GRACE_SECONDS", "2");
        env.put("LOG_LEVEL", "INFO");
        // the harness is one client address and one (anonymous) user opening thousands of streams
        env.put("RATE_LIMIT_PER_MINUTE", "0");
        env.put("STREAMS_PER_USER_MAX", "100000");
        env.put("STREAMS_MAX", "100000");
        if (proxy != null) {
            env.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/llmstream_bench");
            env.put("DB_USER", "postgres");
        }
        env.putAll(extraEnv);
        if (nodes > 1) {
            env.put("NODE_ID", extraEnv.getOrDefault("NODE_ID", "bench") + "-" + node);
        }
        return env;
    }

    /** A fresh database {@code llmstream_bench} on the local PostgreSQL, reached through a delaying proxy. */
    private DelayProxy postgresBehindProxy(long delayMillis) throws IOException, InterruptedException {
        for (List<String> command : List.of(
                List.of("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", "llmstream_bench"),
                List.of("createdb", "-h", "127.0.0.1", "-U", "postgres", "llmstream_bench"))) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        }
        return new DelayProxy(5432, Duration.ofMillis(delayMillis));
    }

    private final long startNanos = System.nanoTime();

    private void say(String format, Object... args) {
        progress.printf("[bench %4.0f s] %s%n", (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
    }

    /** Samples heap, RSS, threads and open files once a second; optionally one full GC half-way. */
    private static final class Sampler implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong heapMax = new AtomicLong();
        final AtomicLong rssMax = new AtomicLong();
        final AtomicLong threadsMax = new AtomicLong();
        final AtomicLong filesMax = new AtomicLong();
        volatile long liveHeap = -1;
        volatile long liveRss = -1;
        private final ServiceProcess service;
        private final long gcAtMillis;

        Sampler(ServiceProcess service, long gcAtMillis) {
            this.service = service;
            this.gcAtMillis = gcAtMillis;
        }

        @Override
        public void run() {
            long t0 = System.nanoTime();
            boolean gcDone = gcAtMillis < 0;
            while (!stop.get()) {
                try {
                    heapMax.accumulateAndGet(service.heapUsedBytes(), Math::max);
                    rssMax.accumulateAndGet(service.rssBytes(), Math::max);
                    threadsMax.accumulateAndGet(Proc.threads(service.pid()), Math::max);
                    filesMax.accumulateAndGet(Proc.openFiles(service.pid()), Math::max);
                    if (!gcDone && (System.nanoTime() - t0) / 1_000_000 >= gcAtMillis) {
                        gcDone = true;
                        service.gc();
                        liveHeap = service.heapUsedBytes();
                        liveRss = service.rssBytes();
                    }
                    Thread.sleep(1000);
                } catch (IOException e) {
                    // a missed sample
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
