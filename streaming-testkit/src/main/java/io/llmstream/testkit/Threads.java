package io.llmstream.testkit;

import java.time.Duration;
import java.util.Arrays;

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
        awaitParkedIn(thread, "", timeout);
    }

    /**
     * Returns once {@code thread} waits inside {@code method} (a frame of its stack ends with it, e.g.
     * {@code "Abort.pause"}): for a test that must tell one wait from another, such as a retry's back-off from
     * waiting for a response.
     *
     * @throws AssertionError when it does not wait there within {@code timeout}, or ended instead
     */
    public static void awaitParkedIn(Thread thread, String method, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            switch (thread.getState()) {
                case WAITING, TIMED_WAITING, BLOCKED -> {
                    if (method.isEmpty() || isIn(thread, method)) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(thread.getName() + " did not wait in " + method + " within " + timeout
                                + "; it waits in " + Arrays.toString(thread.getStackTrace()));
                    }
                    Thread.onSpinWait();
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

    private static boolean isIn(Thread thread, String method) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> (frame.getClassName() + "." + frame.getMethodName()).endsWith(method));
    }
}
