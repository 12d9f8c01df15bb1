package io.llmstream.http.jersey;

import io.llmstream.core.port.EventSink;
import io.llmstream.core.usecase.StreamOutcome;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs one streaming use case per request on its own virtual thread and answers the suspended request:
 * with the SSE response once the core starts streaming, or with a JSON error when the core refused before
 * sending anything (unknown dialogue 404, rejected field 400, store unavailable 503). Each stream holds a
 * {@link StreamSlots} slot from before it starts until it has ended; over a cap the request is refused 429.
 *
 * <p>The SSE response is held without a thread ({@link HeldWire}).
 */
final class SseStreams {

    static final String EVENT_STREAM = "text/event-stream";

    private static final System.Logger LOG = System.getLogger(SseStreams.class.getName());
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Threads of streams in this JVM that have not ended (one per stream). */
    private static final AtomicInteger RUNNING = new AtomicInteger();
    /** Schedules the heartbeat checks of every SSE stream in this JVM; its tasks never block. */
    static final ScheduledExecutorService HEARTBEATS = newTimer();

    private final Duration heartbeat;
    private final StreamSlots slots;

    SseStreams(Duration heartbeat, StreamSlots slots) {
        this.heartbeat = heartbeat;
        this.slots = slots;
    }

    /**
     * Starts the caller's stream.
     *
     * @throws ApiException 429, before anything is started, when the owner or the server is at its stream cap
     */
    void start(ContainerRequestContext request, AsyncResponse async, Function<EventSink, StreamOutcome> useCase) {
        StreamSlots.Slot slot = slots.acquire(CallerFilter.owner(request));
        long number = SEQUENCE.incrementAndGet();
        JerseySseEventSink sink = new JerseySseEventSink(heartbeat, HEARTBEATS, new HeldWire(request, async, EVENT_STREAM));
        RUNNING.incrementAndGet();
        Thread.ofVirtual().name("sse-stream-" + number).start(() -> {
            try {
                run(async, useCase, sink);
            } finally {
                slot.close();
                RUNNING.decrementAndGet();
            }
        });
    }

    /** The caps every stream of this API counts against, also streams not started here (audio). */
    StreamSlots slots() {
        return slots;
    }

    /** How many stream threads are running in this JVM; for tests that prove streams leave nothing behind. */
    static int runningThreads() {
        return RUNNING.get();
    }

    private static void run(AsyncResponse async, Function<EventSink, StreamOutcome> useCase, JerseySseEventSink sink) {
        StreamOutcome outcome = execute(useCase, sink);
        boolean started = sink.finish();
        if (started) {
            if (outcome != null && !(outcome instanceof StreamOutcome.Answered)) {
                LOG.log(Level.ERROR, "the core refused a stream after it had started: " + outcome);
            }
            return;
        }
        async.resume(refusal(outcome));
    }

    private static StreamOutcome execute(Function<EventSink, StreamOutcome> useCase, EventSink sink) {
        try {
            return useCase.apply(sink);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a stream failed unexpectedly", e);
            return null;
        }
    }

    private static Throwable refusal(StreamOutcome outcome) {
        return switch (outcome) {
            case StreamOutcome.NotFound notFound -> ApiException.notFound(notFound.message());
            case StreamOutcome.Rejected rejected -> ApiException.badRequest(rejected.message());
            case StreamOutcome.Unavailable unavailable -> ApiException.unavailable(unavailable.message());
            // answered without a single event: the client left before the stream could start
            case StreamOutcome.Answered answered -> ApiException.unavailable("the stream ended before it started");
            case null -> new ApiException(500, "internal error; the details are in the server's log");
        };
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "sse-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(timer);
    }
}
