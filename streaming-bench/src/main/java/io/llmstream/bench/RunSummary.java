package io.llmstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's figures over all its streams. {@code chunks}, {@code delay} and the counts are the main subscriber's
 * (the connection that started each stream); {@code followers} the extra subscribers' connections, of which
 * {@code followersOk} saw a {@code done} whose text equals their chunks and the expected text, and the same
 * events with the same ids as the main subscriber; {@code delayAll} the per-chunk delay over every subscriber.
 */
record RunSummary(int streams, int ok, int errors, Map<String, Integer> errorSamples, int leavers, long chunks,
                  long bytes, double seconds, Stats ttfc, Stats delay, Stats requestPath, Stats cancel,
                  int leaversSeenByUpstream, int followers, int followersOk, Map<String, Integer> followerErrorSamples,
                  long followerChunks, Stats delayAll) {

    static RunSummary of(List<StreamResult> results, FakeUpstream upstream, double seconds) {
        int ok = 0;
        int errors = 0;
        int leavers = 0;
        int seen = 0;
        long chunks = 0;
        long bytes = 0;
        Map<String, Integer> samples = new LinkedHashMap<>();
        long[] ttfc = new long[results.size()];
        int ttfcCount = 0;
        long[] path = new long[results.size()];
        int pathCount = 0;
        long[] cancel = new long[results.size()];
        int cancelCount = 0;
        int delayTotal = 0;
        for (StreamResult r : results) {
            delayTotal += r.delayCount;
        }
        long[] delays = new long[delayTotal];
        int delayCount = 0;
        for (StreamResult r : results) {
            chunks += r.chunks;
            bytes += r.bytes;
            System.arraycopy(r.delays, 0, delays, delayCount, r.delayCount);
            delayCount += r.delayCount;
            if (r.ttfcNanos() > 0) {
                ttfc[ttfcCount++] = r.ttfcNanos();
            }
            UpstreamStream up = upstream.stream(r.id);
            if (up != null && r.startNanos != 0) {
                path[pathCount++] = up.requestNanos - r.startNanos;
            }
            if (r.disconnected()) {
                leavers++;
                if (up != null && up.aborted()) {
                    seen++;
                    cancel[cancelCount++] = Math.max(0, up.abortNanos - r.disconnectNanos);
                }
            } else if (r.error != null) {
                errors++;
                String key = r.error.length() > 80 ? r.error.substring(0, 80) : r.error;
                samples.merge(key, 1, Integer::sum);
            } else if (r.done && r.textMatches) {
                ok++;
            } else {
                errors++;
                samples.merge(r.done ? "done text differs from the chunks" : "no done", 1, Integer::sum);
            }
        }
        int followers = 0;
        int followersOk = 0;
        long followerChunks = 0;
        int allTotal = delayCount;
        Map<String, Integer> followerSamples = new LinkedHashMap<>();
        for (StreamResult r : results) {
            for (StreamResult f : r.followers) {
                followers++;
                followerChunks += f.chunks;
                allTotal += f.delayCount;
                String problem = f.error != null ? f.error
                        : !f.done ? "no done"
                        : !f.textMatches ? "done text differs from the chunks"
                        : r.disconnected() || r.error != null ? null // nothing to compare with
                        : f.events != r.events ? "other event count than the main subscriber"
                        : f.eventHash != r.eventHash ? "other event ids or order than the main subscriber"
                        : null;
                if (problem == null) {
                    followersOk++;
                } else {
                    followerSamples.merge(problem.length() > 80 ? problem.substring(0, 80) : problem, 1, Integer::sum);
                }
            }
        }
        Stats delayAll;
        if (followers == 0) {
            delayAll = Stats.ofNanos(delays, delayCount);
        } else {
            long[] all = java.util.Arrays.copyOf(delays, allTotal);
            int at = delayCount;
            for (StreamResult r : results) {
                for (StreamResult f : r.followers) {
                    System.arraycopy(f.delays, 0, all, at, f.delayCount);
                    at += f.delayCount;
                }
            }
            delayAll = Stats.ofNanos(all, at);
        }
        return new RunSummary(results.size(), ok, errors, samples, leavers, chunks, bytes, seconds,
                Stats.ofNanos(ttfc, ttfcCount), Stats.ofNanos(delays, delayCount), Stats.ofNanos(path, pathCount),
                Stats.ofNanos(cancel, cancelCount), seen, followers, followersOk, followerSamples, followerChunks, delayAll);
    }
}
