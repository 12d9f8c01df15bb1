package io.llmstream.adapter.llm.http;

import io.llmstream.adapter.llm.config.LlmTimeouts;
import io.llmstream.core.port.LlmException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Enforces the first-token, idle and overall limits of one completion by calling {@code onTimeout}
 * (which aborts the exchange) from the transport's timer thread ({@link #newTimer}, owned and shut down by
 * {@link HttpLlmTransport}). The reading thread only writes volatile
 * fields; the timer re-arms itself lazily, so a fast stream costs no timer operations per read.
 */
final class Watchdog {

    private final ScheduledExecutorService timer;
    private final LlmTimeouts timeouts;
    private final Consumer<LlmException> onTimeout;
    private final long startNanos = System.nanoTime();
    private volatile boolean firstToken;
    private volatile long readingSinceNanos;
    private volatile boolean stopped;
    private ScheduledFuture<?> pending;

    Watchdog(ScheduledExecutorService timer, LlmTimeouts timeouts, Consumer<LlmException> onTimeout) {
        this.timer = timer;
        this.timeouts = timeouts;
        this.onTimeout = onTimeout;
    }

    void start() {
        arm(Math.min(timeouts.firstToken().toNanos(), timeouts.overall().toNanos()));
    }

    /** The reading thread is about to block in a read. */
    void readStarted() {
        readingSinceNanos = System.nanoTime();
    }

    /** The read returned. */
    void readEnded() {
        readingSinceNanos = 0;
    }

    /** The first delta arrived: the idle limit replaces the first-token limit. */
    void firstToken() {
        if (firstToken) {
            return;
        }
        firstToken = true;
        long overallLeft = startNanos + timeouts.overall().toNanos() - System.nanoTime();
        rearm(Math.min(timeouts.idle().toNanos(), overallLeft));
    }

    synchronized void stop() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        long overallLeft = startNanos + timeouts.overall().toNanos() - now;
        if (overallLeft <= 0) {
            fire("overall", timeouts.overall(), "the completion took longer than that");
            return;
        }
        long next;
        if (!firstToken) {
            long firstTokenLeft = startNanos + timeouts.firstToken().toNanos() - now;
            if (firstTokenLeft <= 0) {
                fire("first-token", timeouts.firstToken(), "no text arrived within that time of the request");
                return;
            }
            next = firstTokenLeft;
        } else {
            long since = readingSinceNanos;
            long idleNanos = timeouts.idle().toNanos();
            if (since != 0 && now - since >= idleNanos) {
                fire("idle", timeouts.idle(), "the upstream sent nothing for that long");
                return;
            }
            next = since == 0 ? idleNanos : since + idleNanos - now;
        }
        arm(Math.min(next, overallLeft));
    }

    private void fire(String limit, Duration value, String explanation) {
        stop();
        onTimeout.accept(new LlmException(LlmException.Code.TIMEOUT,
                limit + " timeout of " + human(value) + " fired: " + explanation));
    }

    private synchronized void rearm(long delayNanos) {
        if (pending != null) {
            pending.cancel(false);
        }
        arm(delayNanos);
    }

    private synchronized void arm(long delayNanos) {
        if (!stopped) {
            pending = timer.schedule(this::check, Math.max(delayNanos, 1_000_000), TimeUnit.NANOSECONDS);
        }
    }

    static String human(Duration value) {
        long millis = value.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** One daemon thread that checks the limits of every completion of a provider; its owner shuts it down. */
    static ScheduledExecutorService newTimer(String provider) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "llm-timeouts-" + provider);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(timer);
    }
}
