package io.llmstream.core.usecase;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.port.ErrorCode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The streams generating in this process, by stream id and by dialogue (one at a time per dialogue). The server
 * uses it to end them all on shutdown: each ends with an {@code error} event of the given code and its partial
 * answer stored as interrupted. Thread-safe.
 */
public final class ActiveStreams {

    /** A running stream's handle. */
    interface Stoppable {
        void stop(ErrorCode code, String message);
    }

    private final Map<UUID, StreamRun> byId = new HashMap<>();
    private final Map<DialogueRef, StreamRun> byDialogue = new HashMap<>();

    /** Registers the stream unless its dialogue has one running; @return the one running, if any */
    synchronized Optional<StreamRun> addUnlessBusy(StreamRun run) {
        StreamRun running = byDialogue.putIfAbsent(run.started().dialogue(), run);
        if (running != null) {
            return Optional.of(running);
        }
        byId.put(run.started().streamId(), run);
        return Optional.empty();
    }

    synchronized void remove(StreamRun run) {
        byId.remove(run.started().streamId(), run);
        byDialogue.remove(run.started().dialogue(), run);
        notifyAll();
    }

    synchronized Optional<StreamRun> find(UUID streamId) {
        return Optional.ofNullable(byId.get(streamId));
    }

    synchronized Optional<StreamRun> running(DialogueRef dialogue) {
        return Optional.ofNullable(byDialogue.get(dialogue));
    }

    /** How many streams are running. */
    public synchronized int count() {
        return byId.size();
    }

    /** How many streams of this owner are running. */
    public synchronized int count(String owner) {
        return (int) byId.values().stream().filter(run -> run.started().owner().equals(owner)).count();
    }

    /** Asks every running stream to end now with an {@code error} event of this code. */
    public void stopAll(ErrorCode code, String message) {
        StreamRun[] running;
        synchronized (this) {
            running = byId.values().toArray(StreamRun[]::new);
        }
        for (StreamRun run : running) {
            run.stop(code, message);
        }
    }

    /**
     * Waits until no stream runs, at most {@code timeout}.
     *
     * @return whether none runs
     */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!byId.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
