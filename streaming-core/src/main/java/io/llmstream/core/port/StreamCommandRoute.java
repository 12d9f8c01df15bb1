package io.llmstream.core.port;

import io.llmstream.core.model.StreamCommand;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries a command to the node that generates a stream when that is not this one (several nodes share one
 * {@link StreamEventLog}). The core asks it only for streams that the log says are running and that do not run in
 * this process; the node generating them carries the command out on its own run.
 *
 * <p><b>Threads.</b> {@link #deliver} blocks the calling thread until the generating node has answered, at most a
 * second or so (an implementation's bound); the handler given to {@link #accept} is called on a thread of the
 * route's own, one command at a time or concurrently, and must return promptly.
 */
public interface StreamCommandRoute {

    /**
     * Sends the command to the node generating the stream.
     *
     * @return what that node's handler answered (true: carried out; false: the stream has ended there), or empty
     *         when no node generates the stream or none answered in time
     * @throws StreamLogException when the route's store is unreachable
     */
    Optional<Boolean> deliver(UUID streamId, StreamCommand command);

    /** Sets what carries out the commands other nodes send to the streams generated here; called once, when the core is built. */
    void accept(Handler handler);

    /** Carries out a command on a stream generated in this process. */
    @FunctionalInterface
    interface Handler {
        /** @return true when carried out; false when the stream does not run here or has ended */
        boolean handle(UUID streamId, StreamCommand command);
    }

    /** One process: there is no other node to send anything to. */
    static StreamCommandRoute inProcess() {
        return new StreamCommandRoute() {
            @Override
            public Optional<Boolean> deliver(UUID streamId, StreamCommand command) {
                return Optional.empty();
            }

            @Override
            public void accept(Handler handler) {
                // nothing arrives from elsewhere
            }
        };
    }
}
