package io.llmstream.app;

import io.llmstream.http.jersey.security.RateLimiter;
import io.llmstream.adapter.redis.RedisEngine;
import io.llmstream.adapter.redis.RedisSettings;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamCommandRoute;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamLeases;
import io.llmstream.core.port.StreamLogException;
import io.llmstream.core.usecase.InMemoryStreamAdmission;
import io.llmstream.core.usecase.InMemoryStreamEventLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where streams' events and commands live (stream.engine): in this process, or in Redis shared by several nodes.
 * Close it after the core.
 */
final class StreamEngine implements AutoCloseable {

    /** A running stream's keys expire this long after its last append unless it ends first (the safety expiry). */
    static final Duration RUNNING_EXPIRY = Duration.ofHours(6);

    private final StreamEventLog log;
    private final StreamCommandRoute route;
    private final StreamLeases leases;
    private final StreamAdmission admission;
    private final Optional<RedisEngine> redis;

    private StreamEngine(StreamEventLog log, StreamCommandRoute route, StreamLeases leases, StreamAdmission admission,
            Optional<RedisEngine> redis) {
        this.log = log;
        this.route = route;
        this.leases = leases;
        this.admission = admission;
        this.redis = redis;
    }

    /** @throws StreamLogException when stream.engine=redis and Redis does not answer */
    static StreamEngine start(AppConfig.StreamLog config) {
        if (config.redis().isEmpty()) {
            return new StreamEngine(new InMemoryStreamEventLog(config.retention(), config.maxEvents(), Clock.systemUTC()),
                    StreamCommandRoute.inProcess(), StreamLeases.inProcess(), new InMemoryStreamAdmission(), Optional.empty());
        }
        AppConfig.Redis redis = config.redis().get();
        RedisEngine engine = RedisEngine.connect(new RedisSettings(redis.url(), redis.keyPrefix(), redis.nodeId(),
                config.retention(), config.maxEvents(), RUNNING_EXPIRY, redis.lease()));
        return new StreamEngine(engine.eventLog(), engine.commandRoute(), engine.streamLeases(), engine.streamAdmission(),
                Optional.of(engine));
    }

    StreamEventLog log() {
        return log;
    }

    StreamCommandRoute route() {
        return route;
    }

    StreamLeases leases() {
        return leases;
    }

    /** The stream caps and the one answer per dialogue: counted in this process, or in Redis for every node. */
    StreamAdmission admission() {
        return admission;
    }

    /** The rate limit: the configured in-process one, or the same limit counted in Redis for every node. */
    RateLimiter rateLimiter(AppConfig.Security security) {
        if (redis.isEmpty() || security.requestsPerMinute() == 0) {
            return security.rateLimiter();
        }
        return new RedisRateLimiter(redis.get().requestCounter(), security.requestsPerMinute(),
                security.mode() == AppConfig.AuthMode.JWT ? (owner, request) -> "user:" + owner : (owner, request) -> "address:" + request.remoteAddress());
    }

    /** What /health/ready reports of the engine: nothing in memory, whether Redis answers otherwise. */
    Map<String, Boolean> readiness() {
        return redis.map(engine -> Map.of("redis", engine.reachable())).orElse(Map.of());
    }

    String describe() {
        return redis.map(engine -> "redis at " + engine.settings().url().replaceAll("//[^@/]*@", "//***@") + ", node "
                + engine.settings().nodeId() + ", key prefix " + engine.settings().keyPrefix())
                .orElse("memory (this process only)");
    }

    @Override
    public void close() {
        redis.ifPresent(RedisEngine::close);
    }
}
