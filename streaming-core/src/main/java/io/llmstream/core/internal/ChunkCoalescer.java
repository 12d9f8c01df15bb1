package io.llmstream.core.internal;

import java.util.Optional;

/**
 * Coalesces upstream text deltas into chunks of at least {@code chunkSize} characters. A chunk is
 * never cut inside a surrogate pair: a trailing high surrogate waits for its partner. Not thread-safe:
 * one per stream, used by the streaming thread.
 */
public final class ChunkCoalescer {

    private final int chunkSize;
    private final StringBuilder pending = new StringBuilder();
    private long pendingSinceNanos;

    public ChunkCoalescer(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be 1 or more, was " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /**
     * Adds a delta.
     *
     * @return a chunk to send now, or empty when the text is held back
     */
    public Optional<String> add(String delta, long nowNanos) {
        if (delta.isEmpty()) {
            return Optional.empty();
        }
        if (pending.isEmpty()) {
            pendingSinceNanos = nowNanos;
        }
        pending.append(delta);
        if (pending.length() < chunkSize) {
            return Optional.empty();
        }
        return take(false);
    }

    /** Whether text is waiting. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** When the oldest waiting character arrived ({@link System#nanoTime()} scale); meaningless without pending text. */
    public long pendingSinceNanos() {
        return pendingSinceNanos;
    }

    /**
     * Takes what is waiting because it waited long enough.
     *
     * @return the chunk, or empty when nothing can be sent without splitting a surrogate pair
     */
    public Optional<String> flushDue(long nowNanos) {
        Optional<String> chunk = take(false);
        if (!pending.isEmpty()) {
            pendingSinceNanos = nowNanos;
        }
        return chunk;
    }

    /** Takes everything that is waiting, at the end of the stream; empty when nothing is. */
    public Optional<String> flushAll() {
        return take(true);
    }

    private Optional<String> take(boolean all) {
        int end = pending.length();
        if (!all && end > 0 && Character.isHighSurrogate(pending.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return Optional.empty();
        }
        String chunk = pending.substring(0, end);
        pending.delete(0, end);
        return Optional.of(chunk);
    }
}
