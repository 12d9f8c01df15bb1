package io.llmstream.core.usecase;

import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamEventLog.Read;
import io.llmstream.core.port.StreamLeases;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends a stream whose generating node was lost: the text so far, read from the log, is stored as the answer with
 * status interrupted and code {@code node_lost}, and the log gets the final {@code error} event every subscriber on
 * every node is waiting for. No answer silently disappears.
 */
final class LostStreams implements StreamLeases.Handler {

    private static final System.Logger LOG = System.getLogger(LostStreams.class.getName());
    private static final int BATCH = 1_000;

    private final StreamEventLog log;
    private final AsyncMessageWriter writer;
    private final Clock clock;

    LostStreams(StreamEventLog log, AsyncMessageWriter writer, Clock clock) {
        this.log = log;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void lapsed(UUID streamId) {
        Optional<StreamInfo> found = log.find(streamId);
        if (found.isEmpty() || found.get().status().isFinal()) {
            return;
        }
        StreamInfo stream = found.get();
        Optional<Text> text = textSoFar(streamId);
        if (text.isEmpty()) {
            return; // it ended after all, or its events are gone
        }
        LOG.log(Level.WARNING, "the node generating stream " + streamId + " was lost; ending it with " + ErrorCode.Stream.NODE_LOST.wireCode()
                + " and storing its " + text.get().content().length() + " characters as interrupted");
        log.status(streamId, StreamStatus.INTERRUPTED);
        log.append(streamId, new StreamEvent.Error(text.get().lastId() + 1, stream.dialogue(), ErrorCode.Stream.NODE_LOST.wireCode(),
                "the server generating this answer was lost; the text so far is stored"));
        writer.submit(new Message(stream.messageId(), stream.dialogue(), MessageRole.ASSISTANT, text.get().content(),
                MessageStatus.INTERRUPTED, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(ErrorCode.Stream.NODE_LOST.wireCode()), stream.createdAt(), Optional.of(clock.instant())));
    }

    /** The chunks in the log (those trimmed away are missing from it), and the newest id; empty when the log has ended or expired. */
    private Optional<Text> textSoFar(UUID streamId) {
        StringBuilder content = new StringBuilder();
        long after = 0;
        try {
            while (true) {
                Read read = log.read(streamId, after, BATCH, Duration.ZERO);
                switch (read) {
                    case Read.Expired expired -> {
                        return Optional.empty();
                    }
                    case Read.Truncated truncated -> after = truncated.firstKept() - 1;
                    case Read.Events events -> {
                        if (events.ended()) {
                            return Optional.empty();
                        }
                        if (events.events().isEmpty()) {
                            return Optional.of(new Text(content.toString(), after));
                        }
                        for (StreamEvent event : events.events()) {
                            if (event instanceof StreamEvent.Chunk chunk) {
                                content.append(chunk.content());
                            }
                            after = event.id();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private record Text(String content, long lastId) {
    }
}
