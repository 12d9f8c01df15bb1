package io.llmstream.http.jersey;

import io.llmstream.core.port.EventSink;
import io.llmstream.core.usecase.StreamOutcome;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * Runs one streaming use case per request on its own virtual thread and answers the suspended request:
 * with the SSE response once the core starts streaming, or with a JSON error when the core refused before
 * sending anything (unknown dialogue 404, rejected field 400, store unavailable 503). Each stream holds a
 * {@link StreamSlots} slot from before it starts until it has ended; over a cap the request is refused 429.
 *
 * <p>The SSE response is held by a Jersey {@link ChunkedOutput} that nothing is written through: the events go
 * straight to Grizzly's response stream (no serialisation machinery per event, no thread holding the response),
 * and closing the holder ends the response. Outside Grizzly the events go through the holder instead.
 */
final class SseStreams {

    static final String EVENT_STREAM = "text/event-stream";
    /** The request property under which {@link GrizzlyRequestProperty} leaves the Grizzly request. */
    static final String GRIZZLY_REQUEST = "io.llmstream.grizzly-request";
    /** Grizzly's output buffer for SSE responses; most chunk events and every heartbeat fit. */
    static final int SSE_BUFFER_BYTES = HeldResponseCommit.SSE_BUFFER_BYTES;

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
        Request grizzly = request.getProperty(GRIZZLY_REQUEST) instanceof Request r ? r : null;
        JerseySseEventSink sink = new JerseySseEventSink(heartbeat, HEARTBEATS, new HeldSseResponse(async, grizzly));
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

    /** The SSE response of one request, held by a {@link ChunkedOutput} that is closed at the end. */
    private static final class HeldSseResponse implements JerseySseEventSink.Wire {
        private final AsyncResponse async;
        private final Request grizzly;
        private ChunkedOutput<byte[]> holder;
        private PeerClose watch;

        HeldSseResponse(AsyncResponse async, Request grizzly) {
            this.async = async;
            this.grizzly = grizzly;
        }

        @Override
        public OutputStream open(HeldResponse owner) throws IOException {
            if (grizzly != null && !grizzly.getResponse().isCommitted()) {
                // Grizzly copies every write that fits its buffer into a fresh buffer of that size (8 KiB by default)
                grizzly.getResponse().setBufferSize(SSE_BUFFER_BYTES);
            }
            holder = new ChunkedOutput<>(byte[].class);
            Response response = Response.ok(holder, EVENT_STREAM)
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .build();
            if (!async.resume(response)) {
                throw new IOException("the SSE response could not be started; the client is gone");
            }
            if (grizzly == null) {
                return new ThroughHolder(holder);
            }
            watch = PeerClose.watch(grizzly, owner);
            return grizzly.getResponse().getOutputStream();
        }

        @Override
        public void end() {
            if (watch != null) {
                watch.close();
            }
            try {
                if (holder != null) {
                    holder.close();
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "ending an SSE response failed; the client is gone", e);
            }
        }
    }

    /** Outside Grizzly: each flushed write becomes one chunk of the holder, which Jersey writes and flushes. */
    private static final class ThroughHolder extends OutputStream {
        private final ChunkedOutput<byte[]> holder;

        ThroughHolder(ChunkedOutput<byte[]> holder) {
            this.holder = holder;
        }

        @Override
        public void write(int b) throws IOException {
            holder.write(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            holder.write(Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }
}
