package io.llmstream.core.usecase;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams running right now. The server uses it to end them all on shutdown; each stream ends
 * with an {@code error} event carrying the given code and its partial answer persisted as interrupted.
 * Thread-safe.
 */
public final class ActiveStreams {

    /** A running stream's handle. */
    interface Stoppable {
        void stop(String code, String message);
    }

    private final Set<Stoppable> running = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();

    void add(Stoppable stream) {
        running.add(stream);
    }

    void remove(Stoppable stream) {
        running.remove(stream);
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** How many streams are running. */
    public int count() {
        return running.size();
    }

    /** Asks every running stream to end now with an {@code error} event of this code. */
    public void stopAll(String code, String message) {
        for (Stoppable stream : running) {
            stream.stop(code, message);
        }
    }

    /**
     * Waits until no stream runs, at most {@code timeout}.
     *
     * @return whether none runs
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
