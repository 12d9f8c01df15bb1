package io.llmstream.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamAdmission.Admission;
import io.llmstream.testkit.contract.StreamAdmissionContract;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract on one node, and what two nodes on one Redis share: the caps, the turns, and what a lost node held. */
class RedisStreamAdmissionTest extends StreamAdmissionContract {

    private RedisTestServer redis;

    @BeforeEach
    void requireRedis() {
        redis = RedisTestServer.require();
    }

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Override
    protected StreamAdmission newAdmission() {
        return node("node-a").streamAdmission();
    }

    @Test
    void shouldCountTheOwnersStreamsOnEveryNodeAgainstOneCap() {
        StreamAdmission onA = node("node-a").streamAdmission();
        StreamAdmission onB = node("node-b").streamAdmission();
        place(onA.admit("alice", 2, 10));
        StreamAdmission.Place second = place(onB.admit("alice", 2, 10));

        assertThat(onA.admit("alice", 2, 10)).isEqualTo(new Admission.OwnerAtCap(2));

        second.close();
        assertThat(onA.admit("alice", 2, 10)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void shouldRefuseOnOneNodeTheTurnAStreamOnAnotherNodeHolds() {
        DialogueRef dialogue = DialogueRef.chat(UUID.randomUUID());
        UUID onA = UUID.randomUUID();
        node("node-a").streamAdmission().claimTurn(dialogue, onA);

        assertThat(node("node-b").streamAdmission().claimTurn(dialogue, UUID.randomUUID())).contains(onA);
    }

    @Test
    void shouldFreeThePlacesAndTurnsOfALostNodeOnceItsLeaseLapses() {
        RedisEngine nodeA = node("node-a");
        DialogueRef dialogue = DialogueRef.conversation(UUID.randomUUID());
        place(nodeA.streamAdmission().admit("alice", 1, 10));
        nodeA.streamAdmission().claimTurn(dialogue, UUID.randomUUID());
        StreamAdmission onB = node("node-b").streamAdmission();

        nodeA.close(); // gives nothing back: like a killed process, it just stops renewing

        await().atMost(Duration.ofSeconds(10)).until(() -> onB.admit("alice", 1, 10) instanceof Admission.Admitted);
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.claimTurn(dialogue, UUID.randomUUID()).isEmpty());
    }

    @Test
    void shouldKeepWhatALiveNodeHoldsLongAfterOneLease() {
        RedisEngine nodeA = node("node-a");
        DialogueRef dialogue = DialogueRef.conversation(UUID.randomUUID());
        UUID answering = UUID.randomUUID();
        place(nodeA.streamAdmission().admit("alice", 1, 10));
        nodeA.streamAdmission().claimTurn(dialogue, answering);
        StreamAdmission onB = node("node-b").streamAdmission();
        long held = redisMillis(nodeA);

        await().atMost(Duration.ofSeconds(10)).until(() -> redisMillis(nodeA) > held + 2 * nodeA.settings().lease().toMillis());

        assertThat(onB.admit("alice", 1, 10)).isEqualTo(new Admission.OwnerAtCap(1));
        assertThat(onB.claimTurn(dialogue, UUID.randomUUID())).contains(answering);
    }

    private RedisEngine node(String name) {
        return redis.engine(redis.settings(name, 1_000));
    }

    private static long redisMillis(RedisEngine engine) {
        var time = engine.shared().sync().time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
