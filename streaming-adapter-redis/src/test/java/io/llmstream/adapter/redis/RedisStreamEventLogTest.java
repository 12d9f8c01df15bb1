package io.llmstream.adapter.redis;

import io.llmstream.core.port.StreamEventLog;
import io.llmstream.testkit.contract.StreamEventLogContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class RedisStreamEventLogTest extends StreamEventLogContract {

    private RedisTestServer redis;
    private final Map<StreamEventLog, RedisEngine> engines = new IdentityHashMap<>();

    @BeforeEach
    void requireRedis() {
        redis = RedisTestServer.require();
    }

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Override
    protected StreamEventLog newLog(int maxEvents) {
        RedisEngine engine = redis.engine(redis.settings("node-a", maxEvents));
        StreamEventLog log = engine.eventLog();
        engines.put(log, engine);
        return log;
    }

    @Override
    protected void letRetentionPass(StreamEventLog log, UUID streamId) {
        redis.letRetentionPass(engines.get(log), streamId);
    }
}
