package io.llmstream.adapter.rag.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.language.TextLanguage;
import io.llmstream.core.model.Citation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CandidateCitationTest {

    private static final Passage PASSAGE = new Passage("doc", "character", "owner", "Schlaf", 2, "Nickerchen",
            "Ein kurzer Schlaf macht wach.", TextLanguage.GERMAN);

    @Test
    void shouldMapTitleFirstStageScoreAndRankSecondStageScoreAndFinalScore() {
        Candidate candidate = Candidate.firstStage(PASSAGE, Optional.empty(), 0.6, 3).rescored(0.8, 0.62);

        Citation citation = LuceneContextRetriever.citation(candidate);

        assertThat(citation).isEqualTo(new Citation("doc:2", "Ein kurzer Schlaf macht wach.", 0.62, "doc", 2, "Schlaf",
                0.6, 3, Optional.of(0.8)));
    }

    @Test
    void shouldLeaveTheSecondStageEmptyForASingleStageCandidate() {
        Citation citation = LuceneContextRetriever.citation(Candidate.firstStage(PASSAGE, Optional.empty(), 0.4, 1));

        assertThat(citation.secondStageScore()).isEmpty();
        assertThat(citation.firstStageScore()).isEqualTo(citation.score()).isEqualTo(0.4);
    }

    @Test
    void shouldClampAScoreThatOvershootsOneByRounding() {
        Candidate candidate = Candidate.firstStage(PASSAGE, Optional.empty(), 0.9, 1).rescored(1.0000001, 1.0000001);

        Citation citation = LuceneContextRetriever.citation(candidate);

        assertThat(citation.secondStageScore()).contains(1.0);
        assertThat(citation.score()).isEqualTo(1.0);
    }
}
