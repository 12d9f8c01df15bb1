package io.llmstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamEventLog.Read;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StreamEventLog} must do: ordered appends, reads from an offset, a live tail, the end,
 * retention by count and by time, several readers, appends and reads at once. Extend it with the
 * implementation under test (the in-memory log, the Redis log).
 */
public abstract class StreamEventLogContract {

    /** A log that keeps at most {@code maxEvents} per stream (and some retention time the test can make pass). */
    protected abstract StreamEventLog newLog(int maxEvents);

    /** Makes the retention time of {@code streamId}'s ended log pass (advance a clock, expire a key). */
    protected abstract void letRetentionPass(StreamEventLog log, UUID streamId);

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final DialogueRef dialogue = DialogueRef.conversation(UUID.randomUUID());

    @Test
    void shouldReadAppendedEventsInOrderFromAnyOffset() throws Exception {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        appendChunks(log, id, 1, 5);

        assertThat(ids(log.read(id, 0, 100, NO_WAIT))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ids(log.read(id, 3, 100, NO_WAIT))).containsExactly(4L, 5L);
        assertThat(ids(log.read(id, 1, 2, NO_WAIT))).containsExactly(2L, 3L);
        assertThat(ids(log.read(id, 5, 100, NO_WAIT))).isEmpty();
        assertThat(log.find(id)).get().extracting(StreamInfo::lastEventId).isEqualTo(5L);
    }

    @Test
    void shouldKeepEventContentExactly() throws Exception {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        StreamEvent chunk = new StreamEvent.Chunk(1, dialogue, "Grüße 👋 \n\"quoted\"");
        StreamEvent paused = new StreamEvent.Paused(2, dialogue);
        StreamEvent resumed = new StreamEvent.Resumed(3, dialogue);
        StreamEvent done = new StreamEvent.Done(4, dialogue, "Grüße 👋 \n\"quoted\"", List.of(), List.of(), UUID.randomUUID(), Optional.empty(),
                "openai", "gpt", id, StreamStatus.STOPPED, Optional.of(ErrorCode.Stream.PAUSE_TIMEOUT.wireCode()));
        for (StreamEvent event : List.of(chunk, paused, resumed, done)) {
            log.append(id, event);
        }

        Read read = log.read(id, 0, 100, NO_WAIT);

        assertThat(read).isEqualTo(new Read.Events(List.of(chunk, paused, resumed, done), true));
    }

    @Test
    void shouldRejectAnEventIdThatIsNotTheNext() {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        appendChunks(log, id, 1, 2);

        assertThatThrownBy(() -> log.append(id, new StreamEvent.Chunk(4, dialogue, "gap"))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> log.append(id, new StreamEvent.Chunk(2, dialogue, "again"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldWakeAWaitingReaderWhenTheNextEventArrives() throws Exception {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        appendChunks(log, id, 1, 1);
        CompletableFuture<Read> waiting = CompletableFuture.supplyAsync(() -> read(log, id, 1, WAIT));

        appendChunks(log, id, 2, 2);

        assertThat(ids(waiting.get(10, TimeUnit.SECONDS))).containsExactly(2L);
    }

    @Test
    void shouldAnswerEmptyAndNotEndedWhenNothingArrivesInTime() throws Exception {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);

        Read read = log.read(id, 0, 100, Duration.ofMillis(20));

        assertThat(read).isEqualTo(new Read.Events(List.of(), false));
    }

    @Test
    void shouldEndWithTheFinalEventAndTakeNothingAfterIt() throws Exception {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        appendChunks(log, id, 1, 1);
        log.status(id, StreamStatus.FAILED);
        log.append(id, new StreamEvent.Error(2, dialogue, LlmException.Code.TIMEOUT.wireCode(), "the model took too long"));

        assertThat(log.read(id, 2, 100, WAIT)).isEqualTo(new Read.Events(List.of(), true));
        assertThat(log.read(id, 0, 100, NO_WAIT)).extracting(r -> ((Read.Events) r).ended()).isEqualTo(true);
        assertThat(log.find(id)).get().extracting(StreamInfo::status).isEqualTo(StreamStatus.FAILED);
        assertThatThrownBy(() -> log.append(id, new StreamEvent.Chunk(3, dialogue, "late"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldRecordStatusChanges() {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        assertThat(log.find(id)).get().extracting(StreamInfo::status).isEqualTo(StreamStatus.RUNNING);

        log.status(id, StreamStatus.PAUSED);

        assertThat(log.find(id)).get().extracting(StreamInfo::status).isEqualTo(StreamStatus.PAUSED);
    }

    @Test
    void shouldDropTheOldestEventsBeyondTheLimitAndSayWhereTheKeptOnesStart() throws Exception {
        StreamEventLog log = newLog(10);
        UUID id = open(log);
        appendChunks(log, id, 1, 25);

        assertThat(log.read(id, 0, 100, NO_WAIT)).isEqualTo(new Read.Truncated(16));
        assertThat(log.read(id, 14, 100, NO_WAIT)).isEqualTo(new Read.Truncated(16));
        assertThat(ids(log.read(id, 15, 100, NO_WAIT))).containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L);
    }

    @Test
    void shouldForgetTheEventsOfAnEndedStreamAfterRetentionButStillKnowItsMessage() throws Exception {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        appendChunks(log, id, 1, 2);
        log.append(id, new StreamEvent.Error(3, dialogue, ErrorCode.Stream.CLIENT_GONE.wireCode(), "gone"));

        letRetentionPass(log, id);

        assertThat(log.read(id, 0, 100, NO_WAIT)).isEqualTo(new Read.Expired());
    }

    @Test
    void shouldKeepARunningStreamWhateverTheRetention() throws Exception {
        StreamEventLog log = newLog(1_000);
        UUID id = open(log);
        appendChunks(log, id, 1, 2);

        letRetentionPass(log, id);

        assertThat(ids(log.read(id, 0, 100, NO_WAIT))).containsExactly(1L, 2L);
    }

    @Test
    void shouldAnswerExpiredForAnUnknownStream() throws Exception {
        StreamEventLog log = newLog(1_000);

        assertThat(log.read(UUID.randomUUID(), 0, 100, NO_WAIT)).isEqualTo(new Read.Expired());
        assertThat(log.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void shouldGiveEveryConcurrentReaderTheSameEventsInOrderWhileTheyAreAppended() throws Exception {
        StreamEventLog log = newLog(10_000);
        UUID id = open(log);
        int total = 2_000;
        ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<List<Long>>> seen = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                seen.add(readers.submit(() -> tail(log, id)));
            }
            appendChunks(log, id, 1, total - 1);
            log.append(id, new StreamEvent.Error(total, dialogue, "x", "end"));

            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= total; i++) {
                expected.add(i);
            }
            for (Future<List<Long>> reader : seen) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private List<Long> tail(StreamEventLog log, UUID id) throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            Read read = log.read(id, after, 64, WAIT);
            List<StreamEvent> events = ((Read.Events) read).events();
            for (StreamEvent event : events) {
                ids.add(event.id());
                after = event.id();
                if (event.isFinal()) {
                    return ids;
                }
            }
        }
    }

    private UUID open(StreamEventLog log) {
        UUID id = UUID.randomUUID();
        log.open(new StreamInfo(id, "alice", dialogue, UUID.randomUUID(), StreamStatus.RUNNING, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return id;
    }

    private void appendChunks(StreamEventLog log, UUID id, long from, long to) {
        for (long i = from; i <= to; i++) {
            log.append(id, new StreamEvent.Chunk(i, dialogue, "c" + i));
        }
    }

    private static Read read(StreamEventLog log, UUID id, long after, Duration wait) {
        try {
            return log.read(id, after, 100, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> ids(Read read) {
        assertThat(read).isInstanceOf(Read.Events.class);
        return ((Read.Events) read).events().stream().map(StreamEvent::id).toList();
    }
}
