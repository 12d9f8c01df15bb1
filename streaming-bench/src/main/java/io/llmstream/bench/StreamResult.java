package io.llmstream.bench;

/** What the load generator saw on one stream (written by that stream's thread only, read after it ended). */
final class StreamResult {

    final int id;
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
