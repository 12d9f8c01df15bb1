package io.llmstream.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders scenario results as Markdown tables. */
final class Report {

    private Report() {
    }

    /** @param dbUrl the database the service was given with {@code --service-env DB_URL=...}; null: its own */
    static String render(ScenarioResult r, String dbUrl) {
        Scenario s = r.scenario();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "### %s: %s%n%n", s.name(), s.title()));
        out.append(String.format(Locale.ROOT, "%,d streams, ramp-up %.1f s, %d tokens at %.0f tokens/s (jitter ±%.0f%%), "
                        + "first token after %d ms%s%s.%n%n", s.streams(), s.rampMillis() / 1000.0, s.tokens(),
                s.tokensPerSecond(), s.jitter() * 100, s.ttftMillis(),
                s.disconnectFraction() > 0 ? String.format(Locale.ROOT, ", %.0f%% of clients leave mid-stream", s.disconnectFraction() * 100) : "",
                database(s, dbUrl)));
        if (r.subscribers() > 1) {
            out.append(String.format(Locale.ROOT, "%d subscribers per stream through the service: the POST that starts it and %d "
                    + "clients following it with GET /api/v1/streams/<id>/events from the first event, opened when the POST's "
                    + "headers arrive. Chunk counts, chunks/s and CPU per 100,000 chunks count the main subscriber's chunks only; "
                    + "\"per stream\" heap and RSS include all its subscribers.%n%n", r.subscribers(), r.subscribers() - 1));
        }
        latency(out, r);
        counts(out, r);
        alongside(out, r);
        floor(out, r);
        retained(out, r);
        return out.toString();
    }

    private static String database(Scenario s, String dbUrl) {
        if (s.dbDelayMillis() >= 0) {
            return String.format(Locale.ROOT, ", PostgreSQL behind a proxy delaying each direction by %d ms", s.dbDelayMillis());
        }
        return dbUrl == null ? ", embedded H2" : ", the database at " + dbUrl.replaceAll("[?;].*", ""); // no credentials
    }

    /**
     * The service next to the floor ({@link BareRelay}) measured in the same run: what each adds to the direct figures,
     * CPU per 100,000 chunks, and the service's multiple of the floor.
     */
    private static void floor(StringBuilder out, ScenarioResult r) {
        ScenarioResult.Floor floor = r.floor();
        RunSummary d = r.direct();
        RunSummary v = r.service();
        if (floor == null || d == null || v == null) {
            return;
        }
        RunSummary f = floor.summary();
        out.append("| the floor (bare relay, same load, same run) | floor | service | service / floor |\n| --- | ---: | ---: | ---: |\n");
        line(out, "streams complete, done text = chunks", f.ok() + " / " + f.streams(), v.ok() + " / " + v.streams(), "");
        for (int c : new int[] {0, 2}) {
            String p = c == 0 ? "p50" : "p99";
            double floorTtfc = f.ttfc().at(c) - d.ttfc().at(c);
            double serviceTtfc = v.ttfc().at(c) - d.ttfc().at(c);
            line(out, "added time to first chunk " + p + ", ms", ms(floorTtfc), ms(serviceTtfc), times(serviceTtfc, floorTtfc));
        }
        for (int c : new int[] {0, 2}) {
            String p = c == 0 ? "p50" : "p99";
            double floorDelay = f.delay().at(c) - d.delay().at(c);
            double serviceDelay = v.delay().at(c) - d.delay().at(c);
            line(out, "added per-chunk delay " + p + ", ms", ms(floorDelay), ms(serviceDelay), times(serviceDelay, floorDelay));
        }
        ServiceFigures figures = r.figures();
        if (figures != null && f.chunks() > 0 && v.chunks() > 0) {
            double floorCpu = floor.cpuSeconds() / f.chunks();
            double serviceCpu = figures.cpuSeconds() / v.chunks();
            line(out, "**CPU s per 100,000 chunks, stream set-up included**", cpu(floor.cpuSeconds(), f.chunks()),
                    cpu(figures.cpuSeconds(), v.chunks()), "**" + times(serviceCpu, floorCpu) + "**");
        }
        out.append('\n');
    }

    /** The CPU of the processes beside the service during the measured run (a second node, Redis), per 100,000 chunks. */
    private static void alongside(StringBuilder out, ScenarioResult r) {
        RunSummary v = r.service();
        ServiceFigures f = r.figures();
        if (r.alongside().isEmpty() || v == null || f == null) {
            return;
        }
        out.append("| CPU s per 100,000 chunks relayed" + (v.followers() > 0 ? " (main subscriber's chunks)" : "")
                + ", measured run | |\n| --- | ---: |\n");
        line(out, "service" + (r.alongside().size() > 1 ? ", node A" : ""), cpu(f.cpuSeconds(), v.chunks()));
        double sum = f.cpuSeconds();
        for (ScenarioResult.ProcessCpu process : r.alongside()) {
            line(out, process.name(), cpu(process.cpuSeconds(), v.chunks()));
            sum += process.cpuSeconds();
        }
        line(out, "**all of them**", "**" + cpu(sum, v.chunks()) + "**");
        out.append('\n');
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** {@code service / floor} as "×n.n", or "—" where the floor's figure is too close to zero to divide by. */
    private static String times(double service, double floor) {
        return Double.isNaN(service) || Double.isNaN(floor) || floor <= 0.05 * Math.abs(service) || floor < 1e-9 ? "—"
                : String.format(Locale.ROOT, "×%.1f", service / floor);
    }

    private static void line(StringBuilder out, String name, String a, String b, String c) {
        out.append("| ").append(name).append(" | ").append(a).append(" | ").append(b).append(" | ").append(c).append(" |\n");
    }

    /**
     * The same scenario over several transports, run back to back: added per-chunk delay and the service's CPU per chunk
     * of each run, then each WebSocket run against the nearest SSE run (the one before it on a tie: with the order
     * {@code sse,ws,ws,sse} each WebSocket run has a neighbour of its own).
     */
    static String transports(String scenario, List<String> transports, List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "### %s: SSE and WebSocket back to back%n%n", scenario));
        out.append("| run | transport | added per-chunk p50 ms | added per-chunk p99 ms | service CPU µs per chunk "
                + "| without JIT threads |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (int i = 0; i < results.size(); i++) {
            ScenarioResult r = results.get(i);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.scenario().name(), transports.get(i),
                    ms(added(r, 0)), ms(added(r, 2)), micros(cpuPerChunk(r, false)), micros(cpuPerChunk(r, true))));
        }
        out.append("\n| WebSocket / SSE | added p50 | added p99 | CPU per chunk | without JIT threads |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (int i = 0; i < results.size(); i++) {
            if (!transports.get(i).equals("ws")) {
                continue;
            }
            int sse = nearest(transports, i, "sse");
            if (sse < 0) {
                break;
            }
            ScenarioResult w = results.get(i);
            ScenarioResult v = results.get(sse);
            out.append(String.format(Locale.ROOT, "| %s / %s | ×%.2f | ×%.2f | ×%.2f | ×%.2f |%n", w.scenario().name(),
                    v.scenario().name(), added(w, 0) / added(v, 0), added(w, 2) / added(v, 2),
                    cpuPerChunk(w, false) / cpuPerChunk(v, false), cpuPerChunk(w, true) / cpuPerChunk(v, true)));
        }
        return out.append('\n').toString();
    }

    private static int nearest(List<String> transports, int from, String wanted) {
        for (int distance = 1; distance < transports.size(); distance++) {
            if (from - distance >= 0 && transports.get(from - distance).equals(wanted)) {
                return from - distance;
            }
            if (from + distance < transports.size() && transports.get(from + distance).equals(wanted)) {
                return from + distance;
            }
        }
        return -1;
    }

    /** Per-chunk delay through the service minus straight at the upstream, at a column of {@link Stats#at}. */
    private static double added(ScenarioResult r, int column) {
        return r.direct() == null || r.service() == null ? Double.NaN
                : r.service().delay().at(column) - r.direct().delay().at(column);
    }

    private static double cpuPerChunk(ScenarioResult r, boolean withoutJit) {
        ServiceFigures f = r.figures();
        if (f == null || r.service() == null || r.service().chunks() == 0) {
            return Double.NaN;
        }
        return (f.cpuSeconds() - (withoutJit ? f.jitCpuSeconds() : 0)) / r.service().chunks();
    }

    private static String micros(double seconds) {
        return Double.isNaN(seconds) ? "—" : String.format(Locale.ROOT, "%.1f", seconds * 1e6);
    }

    private static void latency(StringBuilder out, ScenarioResult r) {
        out.append("| milliseconds | p50 | p95 | p99 | max |\n| --- | ---: | ---: | ---: | ---: |\n");
        RunSummary d = r.direct();
        RunSummary v = r.service();
        if (d != null) {
            row(out, "time to first chunk, direct", d.ttfc());
        }
        if (v != null) {
            row(out, "time to first chunk, via service", v.ttfc());
        }
        if (d != null && v != null) {
            diff(out, "**added time to first chunk**", v.ttfc(), d.ttfc());
            ratio(out, "ratio time to first chunk (service / direct)", v.ttfc(), d.ttfc());
        }
        if (d != null) {
            row(out, "chunk delay (arrival − upstream write), direct", d.delay());
        }
        if (v != null) {
            row(out, "chunk delay (arrival − upstream write), via service", v.delay());
        }
        if (d != null && v != null) {
            diff(out, "**added per-chunk delay**" + (v.followers() > 0 ? " (main subscriber)" : ""), v.delay(), d.delay());
            ratio(out, "ratio per-chunk delay (service / direct)", v.delay(), d.delay());
        }
        if (v != null && v.followers() > 0) {
            row(out, "chunk delay (arrival − upstream write), via service, every subscriber", v.delayAll());
            if (d != null) {
                diff(out, "**added per-chunk delay, every subscriber**", v.delayAll(), d.delay());
            }
        }
        if (v != null) {
            row(out, "request path: client sends → upstream has the request, via service", v.requestPath());
            if (v.leavers() > 0) {
                row(out, "cancel: client closes → upstream sees the connection closed", v.cancel());
            }
        }
        out.append('\n');
    }

    private static void counts(StringBuilder out, ScenarioResult r) {
        RunSummary d = r.direct();
        RunSummary v = r.service();
        out.append("| | direct | via service |\n| --- | ---: | ---: |\n");
        line(out, "streams complete, done text = chunks", d == null ? "—" : d.ok() + " / " + d.streams(),
                v == null ? "—" : v.ok() + " / " + v.streams());
        line(out, "errors", d == null ? "—" : errors(d), v == null ? "—" : errors(v));
        if (v != null && v.leavers() > 0) {
            line(out, "clients that left / upstream streams seen aborted", d == null ? "—" : d.leavers() + " / " + d.leaversSeenByUpstream(),
                    v.leavers() + " / " + v.leaversSeenByUpstream());
        }
        if (v != null && v.followers() > 0) {
            line(out, "extra subscribers complete, done text = chunks, same events and ids as the main one", "—",
                    v.followersOk() + " / " + v.followers());
            line(out, "extra subscribers' errors", "—", v.followers() == v.followersOk() ? "0"
                    : (v.followers() - v.followersOk()) + " (" + samples(v.followerErrorSamples()) + ")");
            line(out, "chunks received by the extra subscribers", "—", fmt(v.followerChunks()));
        }
        line(out, "chunks received" + (v != null && v.followers() > 0 ? " (main subscriber)" : ""),
                d == null ? "—" : fmt(d.chunks()), v == null ? "—" : fmt(v.chunks()));
        line(out, "chunks per second (whole run)", d == null ? "—" : fmt(d.chunks() / d.seconds()),
                v == null ? "—" : fmt(v.chunks() / v.seconds()));
        line(out, "harness CPU s per 100,000 chunks (upstream + generator)", d == null ? "—" : cpu(r.directHarnessCpu(), d.chunks()),
                v == null ? "—" : cpu(r.serviceHarnessCpu(), v.chunks()));
        ServiceFigures f = r.figures();
        if (v != null && f != null) {
            int n = v.streams();
            line(out, "**service CPU s per 100,000 chunks relayed**", "", cpu(f.cpuSeconds(), v.chunks())
                    + String.format(Locale.ROOT, " (%.0f%% in the kernel)", 100 * f.systemCpuSeconds() / f.cpuSeconds()));
            line(out, "service CPU s per 100,000 chunks without the JIT compiler threads (steady state)", "",
                    cpu(f.cpuSeconds() - f.jitCpuSeconds(), v.chunks()) + " (of which GC and VM threads "
                            + cpu(f.gcCpuSeconds(), v.chunks()) + "; JIT " + cpu(f.jitCpuSeconds(), v.chunks()) + ")");
            line(out, "service heap, no stream (after GC)", "", mib(f.baseHeap()));
            if (f.idleHeap() >= 0) {
                line(out, "service heap, all streams open and idle (after GC)", "", mib(f.idleHeap()) + " → **" + kib((f.idleHeap() - f.baseHeap()) / n) + " per stream**");
                line(out, "service RSS, no stream → idle streams", "", mib(f.baseRss()) + " → " + mib(f.idleRss()) + " → " + kib((f.idleRss() - f.baseRss()) / n) + " per stream");
            }
            if (f.activeLiveHeap() >= 0) {
                line(out, "service heap, streams active (after GC half-way)", "", mib(f.activeLiveHeap()) + " → " + kib((f.activeLiveHeap() - f.baseHeap()) / n) + " per stream");
                line(out, "service RSS, streams active (after GC half-way)", "", mib(f.activeLiveRss()) + " → " + kib((f.activeLiveRss() - f.baseRss()) / n) + " per stream");
            }
            line(out, "service heap used, max sampled while active (incl. garbage)", "", mib(f.activeHeapMax()));
            line(out, "service RSS, max while active", "", mib(f.activeRssMax()) + " → " + kib((f.activeRssMax() - f.baseRss()) / n) + " per stream");
            line(out, "service threads (max) / open files (max)", "", f.maxThreads() + " / " + f.maxOpenFiles());
            if (!Double.isNaN(f.dbReads())) {
                line(out, "**database statements per stream (reads / writes, one round trip each)**", "",
                        String.format(Locale.ROOT, "%.2f / %.2f", f.dbReads() / n, f.dbWrites() / n));
            }
            line(out, "upstream responses still running after the run", "", Long.toString(r.upstreamActiveAfter()));
        }
        out.append('\n');
    }

    private static String errors(RunSummary s) {
        if (s.errors() == 0) {
            return "0";
        }
        return s.errors() + " (" + samples(s.errorSamples()) + ")";
    }

    private static String samples(Map<String, Integer> samples) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Integer> e : samples.entrySet()) {
            if (shown++ == 3) {
                text.append(", …");
                break;
            }
            text.append(shown > 1 ? "; " : "").append(e.getValue()).append("× ").append(e.getKey().replace('|', '/'));
        }
        return text.toString();
    }

    private static void retained(StringBuilder out, ScenarioResult r) {
        ScenarioResult.RetainedFigures f = r.retained();
        if (f == null) {
            return;
        }
        out.append("| retained ended streams | |\n| --- | ---: |\n");
        out.append("| service heap before the streams (after full GC) | ").append(mib(f.heapBefore())).append(" |\n");
        out.append("| service heap after all ended (after full GC) | ").append(mib(f.heapAfter())).append(" |\n");
        out.append("| **heap per ended stream** | **").append(kib((f.heapAfter() - f.heapBefore()) / f.streams())).append("** |\n");
        out.append(String.format(Locale.ROOT, "| measured after the first stream started | %.1f s |%n", f.secondsSinceFirstStart()));
        out.append("| sampled streams whose events are still kept (GET /api/v1/streams/{id}/events = 200) | ").append(f.stillKept()).append(" / ")
                .append(f.sampled()).append(" |\n\n");
    }

    private static void row(StringBuilder out, String name, Stats s) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name, ms(s.p50()), ms(s.p95()), ms(s.p99()), ms(s.max())));
    }

    private static void diff(StringBuilder out, String name, Stats via, Stats direct) {
        out.append("| ").append(name);
        for (int c = 0; c < 4; c++) {
            out.append(" | **").append(ms(via.at(c) - direct.at(c))).append("**");
        }
        out.append(" |\n");
    }

    private static void ratio(StringBuilder out, String name, Stats via, Stats direct) {
        out.append("| ").append(name);
        for (int c = 0; c < 4; c++) {
            out.append(String.format(Locale.ROOT, " | ×%.1f", via.at(c) / direct.at(c)));
        }
        out.append(" |\n");
    }

    private static void line(StringBuilder out, String name, String a, String b) {
        out.append("| ").append(name).append(" | ").append(a).append(" | ").append(b).append(" |\n");
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String cpu(double seconds, long chunks) {
        return chunks == 0 ? "—" : String.format(Locale.ROOT, "%.2f", seconds / chunks * 100_000);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    /** The machine line for the report header. */
    static String machine(List<String> facts) {
        return String.join("; ", facts);
    }
}
