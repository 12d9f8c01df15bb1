package io.llmstream.core.internal;

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
     * @return a chunk to send now, or {@code null} when the text is held back
     */
    public String add(String delta, long nowNanos) {
        if (delta.isEmpty()) {
            return null;
        }
        if (pending.isEmpty()) {
            pendingSinceNanos = nowNanos;
        }
        pending.append(delta);
        if (pending.length() < chunkSize) {
            return null;
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
     * @return the chunk, or {@code null} when nothing can be sent without splitting a surrogate pair
     */
    public String flushDue(long nowNanos) {
        String chunk = take(false);
        if (!pending.isEmpty()) {
            pendingSinceNanos = nowNanos;
        }
        return chunk;
    }

    /** Takes everything that is waiting, at the end of the stream; {@code null} when nothing is. */
    public String flushAll() {
        return take(true);
    }

    private String take(boolean all) {
        int end = pending.length();
        if (!all && end > 0 && Character.isHighSurrogate(pending.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        String chunk = pending.substring(0, end);
        pending.delete(0, end);
        return chunk;
    }
}
