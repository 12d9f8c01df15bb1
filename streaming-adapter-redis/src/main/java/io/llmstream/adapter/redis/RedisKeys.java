package io.llmstream.adapter.redis;

import java.util.UUID;

/**
 * The names of this deployment's keys. A stream's keys share the hash tag {@code {streamId}} so that in a Redis
 * Cluster they live in one slot and the append script may touch both.
 */
record RedisKeys(String prefix) {

    /** The stream's events: a Redis Stream with entry ids {@code <eventId>-0}. */
    String events(UUID streamId) {
        return prefix + "stream:{" + streamId + "}:events";
    }

    /** What is known about the stream: a hash (owner, dialogue, message, status, last event id, ended, node). */
    String info(UUID streamId) {
        return prefix + "stream:{" + streamId + "}:info";
    }
}
