package io.llmstream.adapter.redis;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;

/**
 * Requests per key and window, counted in Redis so that every node shares the count: a counter per key that
 * expires a window after its first request (the same fixed window the in-process Bucket4j limiter refills by).
 */
public final class RedisRequestCounter {

    // KEYS: counter. ARGV: window ms. Returns {count, ms until the window ends}.
    private static final String TAKE = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
            return {count, left}
            """;

    private final RedisEngine engine;
    private final Scripts scripts;

    RedisRequestCounter(RedisEngine engine) {
        this.engine = engine;
        this.scripts = new Scripts(engine.shared().async());
    }

    /**
     * Counts one request of {@code key}.
     *
     * @return whether it is within {@code limit} for the window, how many remain, and when the window ends
     * @throws io.llmstream.core.port.StreamLogException when Redis cannot be reached
     */
    public Window take(String key, int limit, Duration window) {
        List<Long> answer = RedisStreamEventLog.await(scripts.<List<Long>>run(TAKE, ScriptOutputType.MULTI,
                new String[] {engine.keys().prefix() + "rate:" + key}, String.valueOf(window.toMillis())), "count a request");
        long count = answer.get(0);
        return new Window(count <= limit, Math.max(0, limit - count), Duration.ofMillis(answer.get(1)));
    }

    /** One request's place in its window. */
    public record Window(boolean allowed, long remaining, Duration reset) {
    }
}
