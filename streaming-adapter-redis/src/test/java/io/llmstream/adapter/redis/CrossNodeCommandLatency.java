package io.llmstream.adapter.redis;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamCommand;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A measurement, not a test (docs/benchmarks.md, "Several nodes"): how long pause and resume sent to node B take to
 * reach node A, which generates the stream, and to come back answered. Two nodes in one JVM on the real Redis, so one
 * clock times both ends. Commands are sent one after the other, alternating pause and resume, after a warm-up.
 *
 * <p>Arguments: {@code [commands=200] [warmup=50] [redis url]}.
 */
public final class CrossNodeCommandLatency {

    private CrossNodeCommandLatency() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String url = args.length > 2 ? args[2] : RedisTestServer.URL;
        String prefix = "llmstream-latency:" + UUID.randomUUID() + ":";
        try (RedisEngine nodeA = RedisEngine.connect(settings(url, prefix, "node-a"));
                RedisEngine nodeB = RedisEngine.connect(settings(url, prefix, "node-b"))) {
            AtomicLong reachedAt = new AtomicLong();
            nodeA.commandRoute().accept(RoutedHandler.carryingOut((streamId, command) -> {
                reachedAt.set(System.nanoTime());
                return true;
            }));
            UUID streamId = UUID.randomUUID();
            nodeA.eventLog().open(new StreamInfo(streamId, "bench", DialogueRef.chat(UUID.randomUUID()), UUID.randomUUID(),
                    StreamStatus.RUNNING, 0, Instant.now()));
            long[] oneWay = new long[commands];
            long[] roundTrip = new long[commands];
            for (int i = -warmup; i < commands; i++) {
                StreamCommand command = i % 2 == 0 ? StreamCommand.PAUSE : StreamCommand.RESUME;
                long sent = System.nanoTime();
                if (!nodeB.commandRoute().deliver(streamId, command).orElse(false)) {
                    throw new IllegalStateException(command + " was not carried out on node A");
                }
                long answered = System.nanoTime();
                if (i >= 0) {
                    oneWay[i] = reachedAt.get() - sent;
                    roundTrip[i] = answered - sent;
                }
            }
            nodeA.shared().sync().unlink(nodeA.keys().info(streamId), nodeA.keys().events(streamId), prefix + "leases");
            System.out.printf("%d commands (after %d warm-up) from node B to node A through %s%n", commands, warmup, url);
            print("sent on B -> carried out on A", oneWay);
            print("sent on B -> answer back on B", roundTrip);
        }
    }

    private static RedisSettings settings(String url, String prefix, String node) {
        return new RedisSettings(url, prefix, node, Duration.ofSeconds(60), 1_000, Duration.ofHours(1), Duration.ofSeconds(10));
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-32s median %.2f ms, p99 %.2f ms, max %.2f ms%n", what, millis(sorted[sorted.length / 2]),
                millis(sorted[(int) Math.ceil(sorted.length * 0.99) - 1]), millis(sorted[sorted.length - 1]));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
