package io.llmstream.core.usecase;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamCommand;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamCommandRoute;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamEventLog.Read;
import io.llmstream.core.port.StreamLogException;
import io.llmstream.core.port.in.ControlStream;
import io.llmstream.core.port.in.Result;
import io.llmstream.core.port.in.StreamView;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** The {@link ControlStream} use case. */
final class ControlStreamService implements ControlStream {

    static final long STOP_WAIT_MILLIS = 5_000;
    private static final System.Logger LOG = System.getLogger(ControlStreamService.class.getName());

    private final StreamEventLog log;
    private final ActiveStreams active;
    private final StreamCommandRoute route;
    private final StreamAdmission admission;

    ControlStreamService(StreamEventLog log, ActiveStreams active, StreamCommandRoute route, StreamAdmission admission) {
        this.log = log;
        this.active = active;
        this.route = route;
        this.admission = admission;
    }

    /**
     * The stream, with its status, newest event id and clients on every node: a stream generated on another node
     * is counted by that node (it is told of every client, for its detach grace).
     */
    @Override
    public Result<StreamView> find(String owner, UUID streamId) {
        Optional<StreamRun> run = active.find(streamId).filter(owned(owner));
        if (run.isPresent()) {
            return Result.ok(new StreamView(run.get().info(), run.get().subscribers()));
        }
        return log.find(streamId).filter(info -> info.owner().equals(owner))
                .<Result<StreamView>>map(info -> Result.ok(new StreamView(info, subscribersElsewhere(info))))
                .orElseGet(() -> notFound(streamId));
    }

    private int subscribersElsewhere(StreamInfo stream) {
        return stream.status().isFinal() ? 0 : route.subscribers(stream.streamId()).orElse(0);
    }

    /**
     * The stream running in this dialogue, if one is: here, or on another node (the one holding the dialogue's turn).
     * The shared store being unreachable hides a stream running elsewhere rather than failing the caller's read.
     */
    @Override
    public Optional<StreamView> running(String owner, DialogueRef dialogue) {
        Optional<StreamRun> here = active.running(dialogue);
        if (here.isPresent()) {
            return here.filter(owned(owner)).map(run -> new StreamView(run.info(), run.subscribers()));
        }
        try {
            return admission.turnHolder(dialogue).flatMap(log::find)
                    .filter(info -> info.owner().equals(owner) && !info.status().isFinal())
                    .map(info -> new StreamView(info, subscribersElsewhere(info)));
        } catch (StreamLogException e) {
            LOG.log(Level.WARNING, "the running stream of " + dialogue + " could not be looked up: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Stops the stream: the upstream is closed at once, the answer so far stored as {@code stopped}, every
     * subscriber gets a final {@code done} of status {@code stopped}. An ended stream is returned unchanged.
     */
    @Override
    public Result<StreamView> stop(String owner, UUID streamId) {
        Optional<StreamRun> run = active.find(streamId).filter(owned(owner));
        if (run.isEmpty()) {
            if (routed(owner, streamId, StreamCommand.STOP)) {
                awaitEnd(streamId);
            }
            return find(owner, streamId);
        }
        run.get().stopByUser();
        try {
            run.get().answered().get(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // the view below says how far it got
        }
        return find(owner, streamId);
    }

    /** Pauses delivery to every subscriber (a {@code paused} event); {@link Result.Conflict} once the stream has ended. */
    @Override
    public Result<StreamView> pause(String owner, UUID streamId) {
        return command(owner, streamId, StreamRun::pause, StreamCommand.PAUSE, "paused");
    }

    /** Resumes delivery (a {@code resumed} event, then what was held back); {@link Result.Conflict} once the stream has ended. */
    @Override
    public Result<StreamView> resume(String owner, UUID streamId) {
        return command(owner, streamId, StreamRun::resume, StreamCommand.RESUME, "resumed");
    }

    private Result<StreamView> command(String owner, UUID streamId, Predicate<StreamRun> action, StreamCommand command, String verb) {
        Optional<StreamRun> run = active.find(streamId).filter(owned(owner));
        if (run.isPresent() && action.test(run.get())) {
            return Result.ok(new StreamView(run.get().info(), run.get().subscribers()));
        }
        if (run.isEmpty() && routed(owner, streamId, command)) {
            return find(owner, streamId);
        }
        Result<StreamView> found = find(owner, streamId);
        if (found instanceof Result.Ok<StreamView> ok) {
            return new Result.Conflict<>("stream " + streamId + " has ended (" + ok.value().stream().status().wireName()
                    + ") and cannot be " + verb);
        }
        return found;
    }

    /** Sends the command to the node generating the caller's stream when it runs, but not here; @return whether it was carried out */
    private boolean routed(String owner, UUID streamId, StreamCommand command) {
        Optional<StreamInfo> info = log.find(streamId).filter(found -> found.owner().equals(owner));
        return info.isPresent() && !info.get().status().isFinal() && route.deliver(streamId, command).orElse(false);
    }

    /** Waits, at most {@value #STOP_WAIT_MILLIS} ms, until the log holds the stream's final event. */
    private void awaitEnd(UUID streamId) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        long after = log.find(streamId).map(StreamInfo::lastEventId).orElse(0L);
        try {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                Read read = log.read(streamId, after, 256, Duration.ofNanos(left));
                if (!(read instanceof Read.Events events) || events.ended()) {
                    return;
                }
                after = events.events().isEmpty() ? after : events.events().getLast().id();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Predicate<StreamRun> owned(String owner) {
        return run -> run.started().owner().equals(owner);
    }

    private static Result<StreamView> notFound(UUID streamId) {
        return new Result.NotFound<>("Stream '" + streamId + "' not found");
    }
}
