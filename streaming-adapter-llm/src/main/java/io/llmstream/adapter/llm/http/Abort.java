package io.llmstream.adapter.llm.http;

import io.llmstream.core.port.LlmException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The abort state of one completion. A caller's {@code close()}, the watchdog or an interrupt may abort from any
 * thread; the first reason wins and is what every later step of the reading thread throws, and aborting releases
 * the exchange at once, so that a thread blocked in a read or in a back-off wakes up.
 */
final class Abort {

    private final String provider;
    private final AtomicReference<LlmException> reason = new AtomicReference<>();
    private final CountDownLatch fired = new CountDownLatch(1);
    private final Runnable release;

    /** @param release drops the exchange (cancels the request, closes the body); runs once, on the aborting thread */
    Abort(String provider, Runnable release) {
        this.provider = provider;
        this.release = release;
    }

    /** Aborts for {@code why} unless an earlier reason won; returns the winning reason, for the caller to throw. */
    LlmException fire(LlmException why) {
        if (reason.compareAndSet(null, why)) {
            fired.countDown();
            release.run();
        }
        return copy(reason.get());
    }

    boolean fired() {
        return reason.get() != null;
    }

    /** Throws a copy of the winning reason (a fresh stack trace, on the reading thread) when aborted. */
    void throwIfFired() {
        LlmException why = reason.get();
        if (why != null) {
            throw copy(why);
        }
    }

    /** Waits {@code wait} unless aborted first, then throws the reason; an interrupt aborts as {@link #interrupted()}. */
    void pause(Duration wait) {
        try {
            fired.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw interrupted();
        }
        throwIfFired();
    }

    /**
     * For a caught {@link InterruptedException}: restores the thread's flag, aborts as {@code CANCELLED} and returns
     * the winning reason to throw.
     */
    LlmException interrupted() {
        Thread.currentThread().interrupt();
        return fire(new LlmException(LlmException.Code.CANCELLED, "the thread reading " + provider + " was interrupted"));
    }

    private static LlmException copy(LlmException why) {
        return new LlmException(why.code(), why.getMessage(), why.getCause());
    }
}
