package io.llmstream.core.model;

import java.time.Instant;
import java.util.UUID;

/**
 * What is known about one stream: whose it is, which dialogue and answer message it belongs to, where it
 * is in its life and the id of its newest event (0 before the first).
 *
 * @param streamId    the stream's id, given when it started
 * @param owner       the user who started it; nobody else can see or control it
 * @param dialogue    the thread or chat it answers in
 * @param messageId   the id the answer is stored under, to read it from the dialogue once the log has expired
 * @param status      where it is in its life
 * @param lastEventId the id of its newest event, 0 before the first
 * @param createdAt   when it started
 */
public record StreamInfo(UUID streamId, String owner, DialogueRef dialogue, UUID messageId, StreamStatus status,
        long lastEventId, Instant createdAt) {

    public StreamInfo {
        Checks.required(streamId, "streamId");
        Checks.notBlank(owner, "owner");
        Checks.required(dialogue, "dialogue");
        Checks.required(messageId, "messageId");
        Checks.required(status, "status");
        if (lastEventId < 0) {
            throw new IllegalArgumentException("lastEventId must not be negative, was " + lastEventId);
        }
        Checks.required(createdAt, "createdAt");
    }

    public StreamInfo withStatus(StreamStatus value) {
        return new StreamInfo(streamId, owner, dialogue, messageId, value, lastEventId, createdAt);
    }

    public StreamInfo withLastEventId(long value) {
        return new StreamInfo(streamId, owner, dialogue, messageId, status, value, createdAt);
    }
}
