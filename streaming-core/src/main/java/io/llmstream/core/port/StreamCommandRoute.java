package io.llmstream.core.port;

import io.llmstream.core.model.StreamCommand;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Carries a command to the node that generates a stream when that is not this one (several nodes share one
 * {@link StreamEventLog}). The core asks it only for streams that the log says are running and that do not run in
 * this process; the node generating them carries the command out on its own run, or says how many clients follow
 * the stream (it counts those of every node: a client following elsewhere is announced to it with
 * {@link StreamCommand#SUBSCRIBED}).
 *
 * <p><b>Threads.</b> {@link #deliver} and {@link #subscribers} block the calling thread until the generating node has
 * answered, at most a second or so (an implementation's bound); the handler given to {@link #accept} is called on a
 * thread of the route's own, one command at a time or concurrently, and must return promptly.
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

    /**
     * Asks the node generating the stream how many clients follow it, on every node.
     *
     * @return that node's count, or empty when no node generates the stream, it no longer runs there, or none
     *         answered in time
     * @throws StreamLogException when the route's store is unreachable
     */
    OptionalInt subscribers(UUID streamId);

    /** Sets what carries out the commands other nodes send to the streams generated here; called once, when the core is built. */
    void accept(Handler handler);

    /** Carries out a command on a stream generated in this process, and counts its clients. */
    interface Handler {
        /** @return true when carried out; false when the stream does not run here or has ended */
        boolean handle(UUID streamId, StreamCommand command);

        /** @return how many clients follow the stream on every node; empty when it does not run here */
        OptionalInt subscribers(UUID streamId);
    }

    /** One process: there is no other node to send anything to. */
    static StreamCommandRoute inProcess() {
        return new StreamCommandRoute() {
            @Override
            public Optional<Boolean> deliver(UUID streamId, StreamCommand command) {
                return Optional.empty();
            }

            @Override
            public OptionalInt subscribers(UUID streamId) {
                return OptionalInt.empty();
            }

            @Override
            public void accept(Handler handler) {
                // nothing arrives from elsewhere
            }
        };
    }
}
