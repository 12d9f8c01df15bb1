package io.llmstream.testkit;

import java.time.Duration;

/** Waits for a thread to reach a state, so a test proves "while it blocks" without guessing a sleep. */
public final class Threads {

    private Threads() {
    }

    /**
     * Returns once {@code thread} is parked or blocked (waiting for something: a queue, a lock, a condition), so a
     * close or a signal that follows reaches a thread that already waits.
     *
     * @throws AssertionError when it does not wait within {@code timeout}, or ended instead
     */
    public static void awaitParked(Thread thread, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            switch (thread.getState()) {
                case WAITING, TIMED_WAITING, BLOCKED -> {
                    return;
                }
                case TERMINATED -> throw new AssertionError(thread.getName() + " ended instead of waiting");
                case NEW, RUNNABLE -> {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(thread.getName() + " did not wait within " + timeout);
                    }
                    Thread.onSpinWait();
                }
            }
        }
    }
}
