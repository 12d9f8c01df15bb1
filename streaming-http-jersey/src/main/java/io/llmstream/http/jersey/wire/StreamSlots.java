package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import java.util.HashMap;
import java.util.Map;

/**
 * Caps the streams open at once, per owner and in all. A slot is taken before the stream's response starts
 * and given back when the stream has ended, however it ended; over a cap the request is refused with 429
 * before a single SSE byte is written.
 */
public final class StreamSlots {

    private final int perOwner;
    private final int total;
    private final Map<String, Integer> byOwner = new HashMap<>();
    private int open;

    public StreamSlots(int perOwner, int total) {
        this.perOwner = perOwner;
        this.total = total;
    }

    /**
     * @return the slot; closing it (once or more) gives it back
     * @throws ApiException 429 when the owner or the server is at its cap
     */
    Slot acquire(String owner) {
        synchronized (this) {
            int mine = byOwner.getOrDefault(owner, 0);
            if (mine >= perOwner) {
                throw new ApiException(429, "too many concurrent streams: at most " + perOwner
                        + " per user; wait for one of yours to end");
            }
            if (open >= total) {
                throw new ApiException(429, "too many concurrent streams on this server: at most " + total
                        + "; try again later");
            }
            byOwner.put(owner, mine + 1);
            open++;
        }
        return new Slot(owner);
    }

    synchronized int open() {
        return open;
    }

    synchronized int open(String owner) {
        return byOwner.getOrDefault(owner, 0);
    }

    private synchronized void release(String owner) {
        byOwner.computeIfPresent(owner, (key, count) -> count == 1 ? null : count - 1);
        open--;
    }

    /** One stream's place under the caps. */
    final class Slot implements AutoCloseable {
        private final String owner;
        private boolean released;

        private Slot(String owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(owner);
        }
    }
}
