package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.error.Outcomes;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.StreamOutcome;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The SSE side of the stream resource. {@link #start} starts a stream with a use case and makes the request its
 * first subscriber; {@link #follow} subscribes a request to a stream that runs or ran. Each subscriber runs on
 * its own virtual thread and answers the suspended request: with the SSE response (headers {@code X-Stream-Id}
 * and {@code Content-Location}, then {@code retry: 2000}, then the events) once the core delivers, or with a JSON
 * error when the core refused before anything was sent (404, 400, 409, 410, 503; 204 when there is nothing new).
 *
 * <p>A started stream holds a {@link StreamSlots} slot until it has ended, however many clients follow it (or
 * none); over a cap the start is refused 429. The SSE response is held without a thread ({@link JerseyHeldResponse}).
 */
public final class SseStreams {

    public static final String EVENT_STREAM = "text/event-stream";
    static final String STREAM_ID_HEADER = "X-Stream-Id";

    private static final System.Logger LOG = System.getLogger(SseStreams.class.getName());
    /** The application property that holds its streams: they are closed with the application. */
    public static final String PROPERTY = "io.llmstream.sse-streams";

    /** Sends a stream's events after an offset to a sink; blocking, on the subscriber's thread. */
    @FunctionalInterface
    public interface Follower {
        public FollowOutcome follow(UUID streamId, long afterId, JerseySseEventSink sink);
    }

    private final Duration heartbeat;
    private final StreamSlots slots;
    private final String basePath;
    private final AtomicLong sequence = new AtomicLong();
    /** Subscriber threads of this API that have not ended (one per SSE response). */
    private final AtomicInteger running = new AtomicInteger();
    /** Schedules the heartbeat checks of this API's SSE streams and WebSocket connections; its tasks never block. */
    private final ScheduledExecutorService heartbeats = newTimer();

    public SseStreams(Duration heartbeat, StreamSlots slots, String basePath) {
        this.heartbeat = heartbeat;
        this.slots = slots;
        this.basePath = basePath;
    }

    /**
     * Starts the caller's stream and follows it from its first event.
     *
     * @throws ApiException 429, before anything is started, when the owner or the server is at its stream cap
     */
    public void start(ContainerRequestContext request, AsyncResponse async, Supplier<StreamOutcome> starter, Follower follower) {
        var slot = slots.acquire(CallerFilter.owner(request));
        JerseyHeldResponse response = new JerseyHeldResponse(request, async, EVENT_STREAM);
        JerseySseEventSink sink = new JerseySseEventSink(heartbeat, heartbeats, response);
        spawn(() -> {
            StreamOutcome outcome = StreamSlots.startIn(slot, starter);
            if (!(outcome instanceof StreamOutcome.Started started)) {
                async.resume(Outcomes.refusal(outcome));
                return;
            }
            UUID streamId = started.stream().streamId();
            response.header(STREAM_ID_HEADER, streamId.toString()).header("Content-Location", eventsPath(streamId));
            finish(async, sink, followSafely(follower, streamId, 0, sink));
        });
    }

    /** Follows the caller's stream after event {@code afterId}, live to its end. */
    public void follow(ContainerRequestContext request, AsyncResponse async, UUID streamId, long afterId, Follower follower) {
        JerseyHeldResponse response = new JerseyHeldResponse(request, async, EVENT_STREAM).header(STREAM_ID_HEADER, streamId.toString());
        JerseySseEventSink sink = new JerseySseEventSink(heartbeat, heartbeats, response);
        spawn(() -> finish(async, sink, followSafely(follower, streamId, afterId, sink)));
    }

    /** The caps every started stream counts against, also audio streams. */
    public StreamSlots slots() {
        return slots;
    }

    /** Where a stream's events are read (and resumed) from. */
    String eventsPath(UUID streamId) {
        return basePath + "/v1/streams/" + streamId + "/events";
    }

    /** How many subscriber threads of this API are running: streams that ended leave none behind. */
    public int runningSubscribers() {
        return running.get();
    }

    /** The timer of the heartbeats. */
    ScheduledExecutorService heartbeats() {
        return heartbeats;
    }

    /** The application is shut down: stops the heartbeat timer (a stream still running sends no more heartbeats). */
    public void close() {
        heartbeats.shutdownNow();
    }

    private void spawn(Runnable subscriber) {
        running.incrementAndGet();
        Thread.ofVirtual().name("sse-subscriber-" + sequence.incrementAndGet()).start(() -> {
            try {
                subscriber.run();
            } finally {
                running.decrementAndGet();
            }
        });
    }

    private static FollowOutcome followSafely(Follower follower, UUID streamId, long afterId, JerseySseEventSink sink) {
        try {
            return follower.follow(streamId, afterId, sink);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "following stream " + streamId + " failed unexpectedly", e);
            return null;
        }
    }

    /** Ends a started response; otherwise answers what the core decided instead. */
    private static void finish(AsyncResponse async, JerseySseEventSink sink, FollowOutcome outcome) {
        if (!sink.finish()) {
            // Followed without a response: the client left before the first event
            answer(async, outcome, () -> ApiException.unavailable("the client left before the stream could be sent"));
        }
    }

    /**
     * Answers a subscriber's request that got no stream: 404, 410 naming the stored message, 204, 503, or (for a
     * {@link FollowOutcome.Followed} that sent nothing, or a failure) what {@code followedWithoutResponse} says.
     */
    static void answer(AsyncResponse async, FollowOutcome outcome, Supplier<ApiException> followedWithoutResponse) {
        Optional<ApiException> refusal = Outcomes.refusal(outcome);
        if (refusal.isPresent()) {
            async.resume(refusal.get()); // mapped to its JSON error
        } else if (outcome instanceof FollowOutcome.NothingNew) {
            async.resume(Response.noContent().build());
        } else {
            async.resume(followedWithoutResponse.get());
        }
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
