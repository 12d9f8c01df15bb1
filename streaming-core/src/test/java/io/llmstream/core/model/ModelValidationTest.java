package io.llmstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelValidationTest {

    @Test
    void shouldDefaultSearchToolConfigToSingleStageWithFourPassages() {
        assertThat(SearchToolConfig.defaults()).isEqualTo(new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 4));
        assertThat(new SearchToolConfig(SearchStrategy.TWO_STAGE, 4).candidateCount()).isEqualTo(8);
        assertThat(new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 4).candidateCount()).isEqualTo(4);
    }

    @Test
    void shouldRejectTopKOutsideItsRangeNamingTheField() {
        assertThatThrownBy(() -> new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top_k").hasMessageContaining("1..50");
        assertThatThrownBy(() -> new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 51))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 51");
    }

    @Test
    void shouldParseWireNamesAndRejectUnknownOnesListingTheAllowed() {
        assertThat(SearchStrategy.fromWire("two_stage")).isEqualTo(SearchStrategy.TWO_STAGE);
        assertThat(MessageStatus.fromWire("interrupted")).isEqualTo(MessageStatus.INTERRUPTED);
        assertThatThrownBy(() -> SearchStrategy.fromWire("three_stage")).hasMessageContaining("single_stage, two_stage");
    }

    @Test
    void shouldRejectCitationScoresOutsideZeroToOne() {
        assertThatThrownBy(() -> new Citation("c", "text", 1.5, "d", 0)).hasMessageContaining("0..1");
        assertThatThrownBy(() -> new Citation("c", "text", Double.NaN, "d", 0)).hasMessageContaining("score");
    }

    @Test
    void shouldRejectCitationStageScoresOutsideZeroToOneAndRanksBelowOne() {
        assertThatThrownBy(() -> new Citation("c", "text", 0.5, "d", 0, "T", 1.2, 1, java.util.Optional.empty()))
                .hasMessageContaining("firstStageScore");
        assertThatThrownBy(() -> new Citation("c", "text", 0.5, "d", 0, "T", 0.5, 0, java.util.Optional.empty()))
                .hasMessageContaining("firstStageRank");
        assertThatThrownBy(() -> new Citation("c", "text", 0.5, "d", 0, "T", 0.5, 1, java.util.Optional.of(-0.1)))
                .hasMessageContaining("secondStageScore");
    }

    @Test
    void shouldRejectRoleNamesThatCannotBeUsedInAUrl() {
        assertThatThrownBy(() -> character("../etc")).hasMessageContaining("role");
        assertThatThrownBy(() -> character("a b")).hasMessageContaining("role");
        assertThatThrownBy(() -> character("x".repeat(65))).hasMessageContaining("at most 64");
        assertThat(character("tutor-de_v2.1").role()).isEqualTo("tutor-de_v2.1");
    }

    @Test
    void shouldTreatBlankOptionalTextAsAbsent() {
        Character character = new Character(UUID.randomUUID(), "alice", "assistant", Optional.of(" "), "", Optional.of(""),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Instant.now());
        assertThat(character.agent()).isEmpty();
        assertThat(character.defaultProvider()).isEmpty();
    }

    @Test
    void shouldRequireEventIdsFromOne() {
        DialogueRef ref = DialogueRef.chat(UUID.randomUUID());
        assertThatThrownBy(() -> new StreamEvent.Chunk(0, ref, "x")).hasMessageContaining("event id");
    }

    @Test
    void shouldRequireAConversationsCharacterToBelongToItsOwner() {
        assertThatThrownBy(() -> new Conversation(UUID.randomUUID(), "bob", character("assistant"), Instant.now()))
                .hasMessageContaining("owner");
    }

    private static Character character(String role) {
        return new Character(UUID.randomUUID(), "alice", role, Optional.empty(), "", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Instant.now());
    }
}
