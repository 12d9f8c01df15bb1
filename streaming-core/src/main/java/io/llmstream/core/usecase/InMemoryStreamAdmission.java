package io.llmstream.core.usecase;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.port.StreamAdmission;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link StreamAdmission} for one process: counts and turns in memory. Thread-safe. */
public final class InMemoryStreamAdmission implements StreamAdmission {

    private final Map<String, Integer> byOwner = new HashMap<>();
    private final Map<DialogueRef, UUID> turns = new HashMap<>();
    private int open;

    @Override
    public synchronized Admission admit(String owner, int perOwnerMax, int totalMax) {
        int mine = byOwner.getOrDefault(owner, 0);
        if (mine >= perOwnerMax) {
            return new Admission.OwnerAtCap(perOwnerMax);
        }
        if (open >= totalMax) {
            return new Admission.AllAtCap(totalMax);
        }
        byOwner.put(owner, mine + 1);
        open++;
        AtomicBoolean released = new AtomicBoolean();
        return new Admission.Admitted(() -> {
            if (released.compareAndSet(false, true)) {
                release(owner);
            }
        });
    }

    private synchronized void release(String owner) {
        byOwner.computeIfPresent(owner, (key, count) -> count == 1 ? null : count - 1);
        open--;
    }

    @Override
    public synchronized Optional<UUID> claimTurn(DialogueRef dialogue, UUID streamId) {
        return Optional.ofNullable(turns.putIfAbsent(dialogue, streamId)).filter(held -> !held.equals(streamId));
    }

    @Override
    public synchronized Optional<UUID> turnHolder(DialogueRef dialogue) {
        return Optional.ofNullable(turns.get(dialogue));
    }

    @Override
    public synchronized void endTurn(DialogueRef dialogue, UUID streamId) {
        turns.remove(dialogue, streamId);
    }
}
