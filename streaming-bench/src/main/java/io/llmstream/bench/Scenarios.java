package io.llmstream.bench;

import java.util.List;
import java.util.Map;

/** The scenarios of issue 9 by name, with command-line overrides of their shape. */
final class Scenarios {

    private Scenarios() {
    }

    static List<Scenario> named(String name, Map<String, String> o) {
        return switch (name) {
            case "small" -> List.of(shaped(new Scenario("small", "small run (one command)", 100, 2000, 350, 20, 100, 0.3, 0,
                    -1, true, true, false), o));
            case "a" -> List.of(shaped(new Scenario("a", "1,000 concurrent streams at 20 tokens/s", 1000, 5000, 500, 20, 100,
                    0.3, 0, -1, true, true, false), o));
            case "b" -> {
                int most = Math.min(10_000, streamsTheFileLimitAllows());
                String title = "slow streams (1 token/s), growth 100 → 1,000 → " + String.format("%,d", most)
                        + (most < 10_000 ? " (not 10,000: the open-file limit " + openFileLimit()
                        + " allows two sockets per stream for at most " + String.format("%,d", most) + " streams)" : "");
                Scenario b = shaped(new Scenario("b", title, most, 20_000,
                        60, 1, 100, 0.3, 0, -1, true, true, true), o);
                yield List.of(b.withStreams("b-100", 100, 1000), b.withStreams("b-1000", 1000, 4000),
                        b.withStreams("b-" + b.streams(), b.streams(), b.rampMillis()));
            }
            case "c" -> List.of(shaped(new Scenario("c", "burst of 2,000 stream openings in one second", 2000, 1000, 100, 20,
                    100, 0.3, 0, -1, true, true, false), o));
            case "d" -> List.of(shaped(new Scenario("d", "1,000 streams, 10% of clients leave mid-stream", 1000, 5000, 200, 20,
                    100, 0.3, 0.1, -1, true, true, false), o));
            case "e" -> List.of(shaped(new Scenario("e", "as d, with slowed database writes", 1000, 5000, 200, 20, 100, 0.3,
                    0.1, 5, true, true, false), o));
            case "upstream" -> List.of(shaped(new Scenario("upstream", "the fake upstream and generator alone, flat out", 200,
                    1000, 2000, 500, 0, 0.3, 0, -1, true, false, false), o));
            case "retained" -> List.of(shaped(new Scenario("retained", "heap per retained ended stream (run to the end, "
                    + "then a full GC while the service still keeps their events for resume)", 2000, 10_000, 20, 20, 100, 0.3,
                    0, -1, false, true, false, true), o));
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (small, a, b, c, d, e, upstream, retained)");
        };
    }

    /** Each stream holds two sockets in the harness and two in the service; keep some descriptors for the rest. */
    static int streamsTheFileLimitAllows() {
        return (int) Math.max(100, (openFileLimit() - 400) / 2);
    }

    static long openFileLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring(26).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Integer.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 1024;
        }
        return 1024;
    }

    private static Scenario shaped(Scenario s, Map<String, String> o) {
        return new Scenario(s.name(), s.title(), intOr(o, "streams", s.streams()), longOr(o, "ramp-ms", s.rampMillis()),
                intOr(o, "tokens", s.tokens()), Double.parseDouble(o.getOrDefault("tps", Double.toString(s.tokensPerSecond()))),
                longOr(o, "ttft-ms", s.ttftMillis()), Double.parseDouble(o.getOrDefault("jitter", Double.toString(s.jitter()))),
                s.disconnectFraction(), s.dbDelayMillis() >= 0 ? longOr(o, "db-delay-ms", s.dbDelayMillis()) : -1,
                s.compareDirect(), s.throughService(), s.activeGc(), s.retainedHeap());
    }

    private static int intOr(Map<String, String> o, String key, int fallback) {
        return o.containsKey(key) ? Integer.parseInt(o.get(key)) : fallback;
    }

    private static long longOr(Map<String, String> o, String key, long fallback) {
        return o.containsKey(key) ? Long.parseLong(o.get(key)) : fallback;
    }
}
