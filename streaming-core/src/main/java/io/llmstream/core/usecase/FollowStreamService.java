package io.llmstream.core.usecase;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.StreamEventLog.Read;
import io.llmstream.core.model.StreamCommand;
import io.llmstream.core.port.StreamCommandRoute;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamOutcome;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/** The {@link FollowStream} use case. */
final class FollowStreamService implements FollowStream {

    private static final System.Logger LOG = System.getLogger(FollowStream.class.getName());
    private static final int BATCH = 256;
    /** A subscriber waits for the next event as long as it takes: its sink's close interrupts it. */
    private static final Duration WAIT = Duration.ofDays(1);

    private final StreamEventLog log;
    private final ActiveStreams active;
    private final StreamCommandRoute route;

    FollowStreamService(StreamEventLog log, ActiveStreams active, StreamCommandRoute route) {
        this.log = log;
        this.active = active;
        this.route = route;
    }

    /**
     * Sends the events of the caller's stream {@code streamId} after event {@code afterId} (0 = from the start).
     * Nothing is sent to the sink, and its {@link EventSink#onClose} is not called, unless the outcome is
     * {@link FollowOutcome.Followed}.
     */
    @Override
    public FollowOutcome follow(String owner, UUID streamId, long afterId, EventSink sink) {
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative, was " + afterId);
        }
        Optional<StreamInfo> found = log.find(streamId);
        if (found.isEmpty() || !found.get().owner().equals(owner)) {
            return new FollowOutcome.NotFound("Stream '" + streamId + "' not found");
        }
        StreamInfo stream = found.get();
        if (afterId > stream.lastEventId()) {
            return gone(stream, "event " + afterId + " is not one of this stream's (its newest is " + stream.lastEventId() + ")");
        }
        Read first;
        try {
            first = log.read(streamId, afterId, BATCH, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FollowOutcome.Followed(afterId, false);
        }
        return switch (first) {
            case Read.Expired expired -> gone(stream, "the events of this stream are no longer kept");
            case Read.Truncated truncated -> gone(stream, "the events after " + afterId + " are no longer kept (the oldest kept is "
                    + truncated.firstKept() + ")");
            case Read.Events events when events.events().isEmpty() && events.ended() -> new FollowOutcome.NothingNew();
            case Read.Events events -> new Subscriber(stream, sink).deliver(afterId, events);
        };
    }

    /**
     * Follows a stream that {@code outcome} says was started, from its first event, then waits for its answer:
     * what a caller that wants one stream into one sink needs. Any other outcome is returned as it is.
     */
    StreamOutcome toTheEnd(StreamOutcome outcome, String owner, EventSink sink) {
        if (!(outcome instanceof StreamOutcome.Started started)) {
            return outcome;
        }
        follow(owner, started.stream().streamId(), 0, sink);
        return new StreamOutcome.Answered(awaitAnswer(started));
    }

    static io.llmstream.core.model.Message awaitAnswer(StreamOutcome.Started started) {
        try {
            return started.answer().toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("stream " + started.stream().streamId() + " ended without an answer", e.getCause());
        }
    }

    private static FollowOutcome gone(StreamInfo stream, String why) {
        return new FollowOutcome.Gone(stream.messageId(), why + "; read message " + stream.messageId() + " of the "
                + (stream.dialogue().kind() == io.llmstream.core.model.DialogueKind.CHAT ? "chat" : "conversation") + " instead");
    }

    /**
     * One following: counts as a subscriber of the running stream while it lasts; the sink's close ends it at once.
     *
     * <p>It reads the log on its own thread; while it is the stream's only subscriber and has read everything, it
     * lets the generating thread push the events to it instead ({@link StreamRun.Direct}) and parks: that saves a
     * thread hand-off per event. The final event is always sent by its own thread (a sink may take its time over
     * it, e.g. to finish speaking). Whoever delivers holds {@code delivery}, so events go out once and in order.
     */
    private final class Subscriber implements StreamRun.Direct {
        private final StreamInfo stream;
        private final EventSink sink;
        private final Thread thread = Thread.currentThread();
        private final Optional<StreamRun> run;
        private final boolean countedElsewhere; // the stream runs on another node, which counts this client
        private final ReentrantLock delivery = new ReentrantLock();
        private volatile long after;
        private volatile boolean finished; // the final event was sent, the client is gone, or it lagged
        private volatile boolean pushedTo;
        private volatile boolean mayPush = true; // until the sink refuses an offer
        private boolean lagging;
        private boolean following = true;
        private boolean counted = true;

        Subscriber(StreamInfo stream, EventSink sink) {
            this.stream = stream;
            this.sink = sink;
            this.run = active.find(stream.streamId());
            run.ifPresent(StreamRun::subscribed);
            this.countedElsewhere = run.isEmpty() && !stream.status().isFinal()
                    && route.deliver(stream.streamId(), StreamCommand.SUBSCRIBED).orElse(false);
        }

        FollowOutcome deliver(long afterId, Read.Events firstBatch) {
            after = afterId;
            try {
                sink.onClose(this::left);
                Read read = firstBatch;
                while (deliverLocked(read, false) && sink.isOpen()) {
                    if (pushable()) {
                        awaitPushing();
                        run.get().stopPushing(this);
                        if (finished) {
                            break;
                        }
                    }
                    read = log.read(stream.streamId(), after, BATCH, WAIT);
                }
            } catch (InterruptedException e) {
                // the sink closed, or the server is stopping
            } finally {
                synchronized (this) {
                    following = false;
                }
                Thread.interrupted(); // an interrupt from left() is meant for this method only
                run.ifPresent(r -> r.stopPushing(this));
                uncount();
            }
            delivery.lock();
            try {
                return new FollowOutcome.Followed(after, lagging);
            } finally {
                delivery.unlock();
            }
        }

        /** Whether the run now pushes its events to this subscriber (set first: a push may come at once). */
        private boolean pushable() {
            if (!mayPush) {
                return false;
            }
            pushedTo = true;
            if (run.isEmpty() || !run.get().pushTo(this, after)) {
                pushedTo = false;
            }
            return pushedTo;
        }

        /** Parks while events are pushed; returns when its own thread has to read the log again. */
        private void awaitPushing() throws InterruptedException {
            while (pushedTo && !finished) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }

        @Override
        public void pushed(StreamEvent latest) {
            if (!pushedTo || latest.id() <= after) {
                return; // handed back to the subscriber's own thread, or already delivered
            }
            Read read;
            if (latest.id() == after + 1) {
                read = new Read.Events(List.of(latest), false); // the usual case: no read of the log
            } else {
                try {
                    read = log.read(stream.streamId(), after, BATCH, Duration.ZERO); // several were appended at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // never waits with Duration.ZERO; keep the pusher's interrupt
                    return;
                }
            }
            if (!deliverLocked(read, true) || !pushedTo) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void demoted() {
            pushedTo = false;
            LockSupport.unpark(thread);
        }

        /**
         * Sends the events of {@code read} this subscriber has not sent yet (a pusher and its own thread may have
         * read the same ones). A pusher stops before the final event and hands back to the subscriber's thread.
         *
         * @return whether to go on following
         */
        private boolean deliverLocked(Read read, boolean pushing) {
            delivery.lock();
            try {
                if (finished) {
                    return false;
                }
                if (pushing && !(read instanceof Read.Events)) {
                    pushedTo = false; // lagging: the subscriber's own thread says so
                    return true;
                }
                if (!(read instanceof Read.Events events)) {
                    send(new StreamEvent.Error(after + 1, stream.dialogue(), ErrorCode.Stream.LAGGING.wireCode(),
                            "this client fell behind the events the server keeps; read the answer from the dialogue"));
                    lagging = true;
                    finished = true;
                    return false;
                }
                for (StreamEvent event : events.events()) {
                    if (event.id() <= after) {
                        continue;
                    }
                    if (pushing && (event.id() != after + 1 || event.isFinal() || !offer(event))) {
                        pushedTo = false; // the subscriber's own thread sends it
                        return true;
                    }
                    if (!pushing && !send(event)) {
                        finished = true;
                        return false;
                    }
                    after = event.id();
                    if (event.isFinal()) {
                        finished = true;
                        return false;
                    }
                }
                if (events.ended() && events.events().isEmpty()) {
                    finished = true;
                    return false;
                }
                return true;
            } finally {
                delivery.unlock();
            }
        }

        private boolean offer(StreamEvent event) {
            try {
                if (sink.offer(event)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a sink of stream " + stream.streamId() + " failed an offer; sending instead", e);
            }
            mayPush = false;
            return false;
        }

        private boolean send(StreamEvent event) {
            try {
                return sink.send(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a sink of stream " + stream.streamId() + " failed; treating its client as gone", e);
                return false;
            }
        }

        /** The client is gone: stop counting it now (that may start the detach grace), and wake the reading thread. */
        private void left() {
            uncount();
            synchronized (this) {
                if (following) {
                    thread.interrupt();
                }
            }
        }

        private void uncount() {
            boolean wasCounted;
            synchronized (this) {
                wasCounted = counted;
                counted = false;
            }
            if (wasCounted) {
                run.ifPresent(StreamRun::unsubscribed);
                if (countedElsewhere) {
                    route.deliver(stream.streamId(), StreamCommand.UNSUBSCRIBED);
                }
            }
        }
    }
}
