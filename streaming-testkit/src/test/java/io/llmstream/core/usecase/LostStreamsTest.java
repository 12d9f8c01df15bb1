package io.llmstream.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.StreamEventLog.Read;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.testkit.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stream whose generating node was lost is ended by another: final event in the log, text so far stored. */
class LostStreamsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final InMemoryStreamEventLog log = new InMemoryStreamEventLog(Duration.ofMinutes(5), 10, Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryStore store = new InMemoryStore();
    private final AsyncMessageWriter writer = new AsyncMessageWriter(store, StreamingObserver.NONE, 1, 100, 1, Duration.ZERO);
    private final LostStreams lost = new LostStreams(log, writer, Clock.fixed(NOW, ZoneOffset.UTC));
    private final DialogueRef dialogue = DialogueRef.chat(UUID.randomUUID());

    @Test
    void shouldEndALostStreamWithNodeLostAndStoreItsTextSoFarAsInterrupted() throws Exception {
        StreamInfo stream = open();
        log.append(stream.streamId(), new StreamEvent.Chunk(1, dialogue, "Hallo"));
        log.append(stream.streamId(), new StreamEvent.Paused(2, dialogue));
        log.append(stream.streamId(), new StreamEvent.Resumed(3, dialogue));
        log.append(stream.streamId(), new StreamEvent.Chunk(4, dialogue, " Welt"));

        lost.lapsed(stream.streamId());

        Read read = log.read(stream.streamId(), 4, 10, Duration.ZERO);
        assertThat(read).isEqualTo(new Read.Events(List.of(new StreamEvent.Error(5, dialogue, ErrorCode.Stream.NODE_LOST.wireCode(),
                "the server generating this answer was lost; the text so far is stored")), true));
        assertThat(log.find(stream.streamId())).get().extracting(StreamInfo::status).isEqualTo(StreamStatus.INTERRUPTED);
        assertThat(writer.close(Duration.ofSeconds(5))).isTrue();
        Message saved = store.saveLog().getLast();
        assertThat(saved.id()).isEqualTo(stream.messageId());
        assertThat(saved.content()).isEqualTo("Hallo Welt");
        assertThat(saved.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(saved.errorCode()).contains(ErrorCode.Stream.NODE_LOST.wireCode());
    }

    @Test
    void shouldLeaveAStreamThatHasEndedMeanwhileAlone() throws Exception {
        StreamInfo stream = open();
        log.append(stream.streamId(), new StreamEvent.Chunk(1, dialogue, "fertig"));
        log.append(stream.streamId(), new StreamEvent.Error(2, dialogue, ErrorCode.Stream.SHUTDOWN.wireCode(), "bye"));

        lost.lapsed(stream.streamId());

        assertThat(log.find(stream.streamId())).get().extracting(StreamInfo::lastEventId).isEqualTo(2L);
        assertThat(writer.close(Duration.ofSeconds(5))).isTrue();
        assertThat(store.saveLog()).isEmpty();
    }

    private StreamInfo open() {
        StreamInfo stream = new StreamInfo(UUID.randomUUID(), "alice", dialogue, UUID.randomUUID(), StreamStatus.RUNNING, 0, NOW);
        log.open(stream);
        return stream;
    }
}
