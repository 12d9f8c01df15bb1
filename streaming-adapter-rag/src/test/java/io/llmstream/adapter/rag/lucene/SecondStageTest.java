package io.llmstream.adapter.rag.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.language.TextLanguage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecondStageTest {

    private static final Embedder UNUSED = new Embedder() {
        @Override
        public String modelId() {
            return "stored-vectors-only";
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            throw new AssertionError("every candidate has a stored vector");
        }
    };
    private static final float[] QUESTION = {1, 0};
    private final SecondStage secondStage = new SecondStage(UNUSED, 0.9);

    @Test
    void shouldKeepTheFusedOrderWhenTheVectorSearchAlreadyVotedInTheFirstStage() {
        List<Candidate> rescored = secondStage.rescore(List.of(QUESTION), candidates(), true);

        assertThat(rescored).extracting(Candidate::id).containsExactly("d:0", "d:1");
        assertThat(rescored.get(1).secondStageScore()).hasValue(1.0);
        assertThat(rescored.get(0).finalScore()).isEqualTo(1.0);
    }

    @Test
    void shouldLetTheCosineReorderAFirstStageOfBm25Alone() {
        List<Candidate> rescored = secondStage.rescore(List.of(QUESTION), candidates(), false);

        assertThat(rescored).extracting(Candidate::id).containsExactly("d:1", "d:0");
    }

    /** The first stage's best (score 1.0) is orthogonal to the question; its runner-up (0.99) points the same way. */
    private static List<Candidate> candidates() {
        return List.of(Candidate.firstStage(passage(0), Optional.of(new float[] {0, 1}), 1.0, 1),
                Candidate.firstStage(passage(1), Optional.of(new float[] {1, 0}), 0.99, 2));
    }

    private static Passage passage(int index) {
        return new Passage("d", "c", "o", "title", index, "", "text " + index, TextLanguage.ENGLISH);
    }
}
