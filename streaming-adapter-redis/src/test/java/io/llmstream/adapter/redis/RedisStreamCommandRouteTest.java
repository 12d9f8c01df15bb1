package io.llmstream.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamCommand;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.StreamCommandRoute;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisStreamCommandRouteTest {

    private RedisTestServer redis;
    private RedisEngine nodeA;
    private RedisEngine nodeB;
    private final List<String> carriedOutOnA = new CopyOnWriteArrayList<>();
    private RoutedHandler handlerOnA;

    @BeforeEach
    void twoNodes() {
        redis = RedisTestServer.require();
        nodeA = redis.engine(redis.settings("node-a", 1_000));
        nodeB = redis.engine(redis.settings("node-b", 1_000));
        handlerOnA = RoutedHandler.carryingOut((streamId, command) -> {
            carriedOutOnA.add(streamId + " " + command);
            return command != StreamCommand.RESUME;
        });
        nodeA.commandRoute().accept(handlerOnA);
        nodeB.commandRoute().accept(RoutedHandler.carryingOut((streamId, command) -> {
            throw new AssertionError("node B generates nothing");
        }));
    }

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void shouldCarryACommandToTheNodeGeneratingTheStreamAndReturnItsAnswer() {
        UUID id = openOn(nodeA);
        StreamCommandRoute fromB = nodeB.commandRoute();

        assertThat(fromB.deliver(id, StreamCommand.PAUSE)).contains(true);
        assertThat(fromB.deliver(id, StreamCommand.RESUME)).contains(false);
        assertThat(carriedOutOnA).containsExactly(id + " PAUSE", id + " RESUME");
    }

    @Test
    void shouldAnswerNothingWhenTheGeneratingNodeIsGone() {
        UUID id = openOn(nodeA);
        nodeA.close();

        assertThat(nodeB.commandRoute().deliver(id, StreamCommand.STOP)).isEmpty();
    }

    @Test
    void shouldAnswerNothingForAStreamNoNodeGenerates() {
        assertThat(nodeB.commandRoute().deliver(UUID.randomUUID(), StreamCommand.STOP)).isEmpty();
        assertThat(carriedOutOnA).isEmpty();
    }

    @Test
    void shouldAnswerTheClientCountOfTheNodeGeneratingTheStream() {
        UUID id = openOn(nodeA);
        handlerOnA.clients.put(id, 2);

        assertThat(nodeB.commandRoute().subscribers(id)).hasValue(2);
    }

    @Test
    void shouldAnswerNoClientCountWhenTheStreamNoLongerRunsOnItsNode() {
        UUID id = openOn(nodeA);

        assertThat(nodeB.commandRoute().subscribers(id)).isEmpty();
    }

    @Test
    void shouldAnswerNoClientCountWhenTheGeneratingNodeIsGone() {
        UUID id = openOn(nodeA);
        handlerOnA.clients.put(id, 1);
        nodeA.close();

        assertThat(nodeB.commandRoute().subscribers(id)).isEmpty();
    }

    private static UUID openOn(RedisEngine node) {
        UUID id = UUID.randomUUID();
        node.eventLog().open(new StreamInfo(id, "alice", DialogueRef.chat(UUID.randomUUID()), UUID.randomUUID(), StreamStatus.RUNNING, 0,
                Instant.now()));
        return id;
    }
}
