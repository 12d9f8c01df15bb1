package io.llmstream.core.port;

import io.llmstream.core.model.DialogueRef;
import java.util.Optional;
import java.util.UUID;

/**
 * Which streams may start, counted over every node that shares it: a place under the stream caps (per owner and in
 * all) and the one answer at a time per dialogue. In one process an in-memory implementation is enough; with several
 * nodes every node asks the same shared store, so a cap holds for the deployment, not per node.
 *
 * <p><b>Lifetimes.</b> A place and a turn are held until given back ({@link Place#close()}, {@link #endTurn}). A shared
 * implementation ties what a node holds to that node's life: what a node that died held is freed once its lease
 * lapses, without anyone giving it back.
 *
 * <p><b>Threads.</b> Every method may be called from any thread and blocks for at most one round trip to the store.
 */
public interface StreamAdmission {

    /**
     * Takes a place for one more stream of {@code owner}, unless the owner already has {@code perOwnerMax} streams or
     * the deployment {@code totalMax}.
     *
     * @throws StreamLogException when the shared store is unreachable
     */
    Admission admit(String owner, int perOwnerMax, int totalMax);

    /**
     * Claims the dialogue's turn for a new stream.
     *
     * @return the stream that already answers in the dialogue, if one does (then nothing was claimed)
     * @throws StreamLogException when the shared store is unreachable
     */
    Optional<UUID> claimTurn(DialogueRef dialogue, UUID streamId);

    /**
     * The stream that holds the dialogue's turn now, on whichever node it runs (empty when none does): how a node
     * finds a dialogue's running answer that another node generates.
     *
     * @throws StreamLogException when the shared store is unreachable
     */
    Optional<UUID> turnHolder(DialogueRef dialogue);

    /** Gives the dialogue's turn back once {@code streamId} has ended; a turn held by another stream is left alone. */
    void endTurn(DialogueRef dialogue, UUID streamId);

    /** What {@link #admit} answered. */
    sealed interface Admission {
        /** A place was taken; close it when the stream has ended. */
        record Admitted(Place place) implements Admission {
        }

        /** The owner has {@code max} streams running. */
        record OwnerAtCap(int max) implements Admission {
        }

        /** The deployment has {@code max} streams running. */
        record AllAtCap(int max) implements Admission {
        }
    }

    /** One stream's place under the caps; closing it (once or more) gives it back, and never throws. */
    interface Place extends AutoCloseable {
        @Override
        void close();
    }
}
