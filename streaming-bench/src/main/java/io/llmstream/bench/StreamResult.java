package io.llmstream.bench;

/**
 * What the load generator saw on one stream's connection (written by the generator's thread only, read after it
 * ended). The connection that started the stream (the {@code POST}) is the main subscriber; the extra subscribers
 * that followed the same stream with {@code GET /api/v1/streams/<id>/events} are its {@link #followers}.
 */
final class StreamResult {

    final int id;
    /** The {@code X-Stream-Id} the service answered with, or null. */
    String streamId;
    /** SSE events with data (chunks, done, error, ...), and a running hash of their ids and types in order. */
    int events;
    long eventHash = 17;
    final java.util.List<StreamResult> followers = new java.util.ArrayList<>(0);
    long startNanos;
    long firstChunkNanos;
    int chunks;
    long bytes;
    String error;
    boolean done;
    boolean textMatches;
    long disconnectNanos;
    final long[] delays;
    int delayCount;

    StreamResult(int id, int tokens) {
        this.id = id;
        this.delays = new long[tokens];
    }

    void delay(long nanos) {
        if (delayCount < delays.length) {
            delays[delayCount++] = nanos;
        }
    }

    boolean disconnected() {
        return disconnectNanos != 0;
    }

    long ttfcNanos() {
        return firstChunkNanos == 0 ? -1 : firstChunkNanos - startNanos;
    }
}
