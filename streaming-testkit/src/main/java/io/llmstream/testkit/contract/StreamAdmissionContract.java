package io.llmstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamAdmission.Admission;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StreamAdmission} must do: the per-owner and the total cap, places given back once however often
 * closed, one turn per dialogue. Extend it with the implementation under test (in memory, Redis).
 */
public abstract class StreamAdmissionContract {

    /** An admission with nothing held. */
    protected abstract StreamAdmission newAdmission();

    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();

    @Test
    void shouldAdmitUpToTheOwnersCapAndThenAnswerOwnerAtCap() {
        StreamAdmission admission = newAdmission();

        assertThat(admission.admit(alice, 2, 10)).isInstanceOf(Admission.Admitted.class);
        assertThat(admission.admit(alice, 2, 10)).isInstanceOf(Admission.Admitted.class);

        assertThat(admission.admit(alice, 2, 10)).isEqualTo(new Admission.OwnerAtCap(2));
        assertThat(admission.admit(bob, 2, 10)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void shouldAnswerAllAtCapWhenEveryPlaceIsTakenWhoeverAsks() {
        StreamAdmission admission = newAdmission();
        admission.admit(alice, 5, 2);
        admission.admit(bob, 5, 2);

        assertThat(admission.admit("carol-" + UUID.randomUUID(), 5, 2)).isEqualTo(new Admission.AllAtCap(2));
    }

    @Test
    void shouldGiveAPlaceBackOnceHoweverOftenItIsClosed() {
        StreamAdmission admission = newAdmission();
        StreamAdmission.Place first = place(admission.admit(alice, 2, 10));
        place(admission.admit(alice, 2, 10));

        first.close();
        first.close();

        assertThat(admission.admit(alice, 2, 10)).isInstanceOf(Admission.Admitted.class);
        assertThat(admission.admit(alice, 2, 10)).isEqualTo(new Admission.OwnerAtCap(2));
    }

    @Test
    void shouldRefuseASecondTurnInADialogueNamingTheStreamThatHasIt() {
        StreamAdmission admission = newAdmission();
        DialogueRef dialogue = DialogueRef.chat(UUID.randomUUID());
        UUID answering = UUID.randomUUID();

        assertThat(admission.claimTurn(dialogue, answering)).isEmpty();

        assertThat(admission.claimTurn(dialogue, UUID.randomUUID())).contains(answering);
        assertThat(admission.claimTurn(DialogueRef.chat(UUID.randomUUID()), UUID.randomUUID())).isEmpty();
    }

    @Test
    void shouldGiveTheTurnToTheNextStreamOnceTheAnsweringOneHasEnded() {
        StreamAdmission admission = newAdmission();
        DialogueRef dialogue = DialogueRef.conversation(UUID.randomUUID());
        UUID answering = UUID.randomUUID();
        admission.claimTurn(dialogue, answering);

        admission.endTurn(dialogue, UUID.randomUUID()); // not the one answering: nothing changes
        assertThat(admission.claimTurn(dialogue, UUID.randomUUID())).contains(answering);

        admission.endTurn(dialogue, answering);
        assertThat(admission.claimTurn(dialogue, UUID.randomUUID())).isEmpty();
    }

    @Test
    void shouldNameTheStreamHoldingADialoguesTurnUntilItEnds() {
        StreamAdmission admission = newAdmission();
        DialogueRef dialogue = DialogueRef.chat(UUID.randomUUID());
        UUID answering = UUID.randomUUID();
        assertThat(admission.turnHolder(dialogue)).isEmpty();

        admission.claimTurn(dialogue, answering);

        assertThat(admission.turnHolder(dialogue)).contains(answering);
        assertThat(admission.turnHolder(DialogueRef.chat(UUID.randomUUID()))).isEmpty();
        admission.endTurn(dialogue, answering);
        assertThat(admission.turnHolder(dialogue)).isEmpty();
    }

    protected static StreamAdmission.Place place(Admission admission) {
        assertThat(admission).isInstanceOf(Admission.Admitted.class);
        return ((Admission.Admitted) admission).place();
    }
}
