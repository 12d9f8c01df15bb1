package io.llmstream.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScriptOutputType;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.StreamEventLog.Read;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Redis log adds to the contract: two nodes on one Redis, one blocking read per stream per node, the keys' lifetimes. */
class RedisStreamEventLogAcrossNodesTest {

    private static final Duration LONG = Duration.ofHours(2);

    private RedisTestServer redis;
    private RedisEngine nodeA;
    private RedisEngine nodeB;
    private RedisStreamEventLog logA;
    private RedisStreamEventLog logB;
    private final DialogueRef dialogue = DialogueRef.chat(UUID.randomUUID());

    @BeforeEach
    void twoNodes() {
        redis = RedisTestServer.require();
        nodeA = redis.engine(redis.settings("node-a", 1_000));
        nodeB = redis.engine(redis.settings("node-b", 1_000));
        logA = (RedisStreamEventLog) nodeA.eventLog();
        logB = (RedisStreamEventLog) nodeB.eventLog();
    }

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void shouldWakeAReaderOnAnotherNodeWhenTheProducerAppends() throws Exception {
        UUID id = open();
        CompletableFuture<Read> waiting = CompletableFuture.supplyAsync(() -> read(logB, id, 0, LONG));

        logA.append(id, new StreamEvent.Chunk(1, dialogue, "hello"));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new Read.Events(List.of(new StreamEvent.Chunk(1, dialogue, "hello")), false));
        assertThat(logB.find(id)).get().extracting(StreamInfo::lastEventId).isEqualTo(1L);
    }

    @Test
    void shouldServeAllWaitingReadersOfAStreamOnANodeWithOneBlockingRead() throws Exception {
        UUID id = open();
        int readers = 20;
        CountDownLatch started = new CountDownLatch(readers);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Read>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(pool.submit(() -> {
                    started.countDown();
                    return logB.read(id, 0, 10, LONG);
                }));
            }
            started.await();
            awaitBlockingReads(logB, 1);

            logA.append(id, new StreamEvent.Chunk(1, dialogue, "x"));

            for (Future<Read> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS)).isInstanceOf(Read.Events.class);
            }
            assertThat(logB.blockingReads()).isLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNotDuplicateAnEventWhenItsAppendIsSentAgain() {
        UUID id = open();
        String[] keys = {nodeA.keys().info(id), nodeA.keys().events(id)};
        String[] args = {"1", StreamEventCodec.encode(new StreamEvent.Chunk(1, dialogue, "once")), "0", "1000", "3600000", "60000", "60000"};
        Scripts scripts = new Scripts(nodeA.shared().async());

        Long first = scripts.<Long>run(RedisStreamEventLog.APPEND, ScriptOutputType.INTEGER, keys, args).join();
        Long again = scripts.<Long>run(RedisStreamEventLog.APPEND, ScriptOutputType.INTEGER, keys, args).join();

        assertThat(first).isEqualTo(1L);
        assertThat(again).isEqualTo(0L);
        assertThat(nodeA.shared().sync().xlen(keys[1])).isEqualTo(1L);
    }

    @Test
    void shouldKeepARunningStreamUnderTheSafetyExpiryAndAnEndedOneForTheRetention() {
        UUID id = open();
        logA.append(id, new StreamEvent.Chunk(1, dialogue, "x"));
        var sync = nodeA.shared().sync();
        assertThat(sync.pttl(nodeA.keys().events(id))).isGreaterThan(Duration.ofMinutes(59).toMillis());

        logA.append(id, new StreamEvent.Error(2, dialogue, "client_gone", "gone"));

        assertThat(sync.pttl(nodeA.keys().events(id))).isBetween(1L, Duration.ofSeconds(60).toMillis());
        assertThat(sync.pttl(nodeA.keys().info(id))).isGreaterThan(Duration.ofHours(23).toMillis());
    }

    @Test
    void shouldRefuseAnAppendFromAnotherNodeThatIsNotTheNextEvent() {
        UUID id = open();
        logA.append(id, new StreamEvent.Chunk(1, dialogue, "x"));
        read(logB, id, 0, Duration.ofSeconds(10)); // A's append is pipelined: B must see it before it appends

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> logB.append(id, new StreamEvent.Chunk(1, dialogue, "again")))
                .isInstanceOf(IllegalArgumentException.class);
        logB.append(id, new StreamEvent.Error(2, dialogue, "node_lost", "the node generating this answer was lost"));

        assertThat(read(logA, id, 0, Duration.ZERO)).extracting(r -> ((Read.Events) r).events().size(), r -> ((Read.Events) r).ended())
                .containsExactly(2, true);
    }

    private static void awaitBlockingReads(RedisStreamEventLog log, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.blockingReads() < count && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a counter, not waiting for a guess
        }
        assertThat(log.blockingReads()).isEqualTo(count);
    }

    private UUID open() {
        UUID id = UUID.randomUUID();
        logA.open(new StreamInfo(id, "alice", dialogue, UUID.randomUUID(), StreamStatus.RUNNING, 0, Instant.parse("2026-01-01T00:00:00Z")));
        return id;
    }

    private static Read read(RedisStreamEventLog log, UUID id, long after, Duration wait) {
        try {
            return log.read(id, after, 100, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
