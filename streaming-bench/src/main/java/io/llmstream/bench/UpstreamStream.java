package io.llmstream.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** What the fake upstream knows about one completion request: when it came and when each token was written. */
final class UpstreamStream {

    static final int ACTIVE = 0;
    static final int DONE = 1;
    static final int ABORTED = 2;

    final int id;
    final long requestNanos;
    final AtomicLongArray writeNanos;
    final AtomicInteger state = new AtomicInteger(ACTIVE);
    volatile long abortNanos;

    UpstreamStream(int id, long requestNanos, int tokens) {
        this.id = id;
        this.requestNanos = requestNanos;
        this.writeNanos = new AtomicLongArray(tokens);
    }

    boolean aborted() {
        return state.get() == ABORTED;
    }
}
