package io.llmstream.adapter.rag.lucene;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A passage found by the first stage, with every score a user may want to check: the first stage's (BM25,
 * or the fusion of BM25 and vector ranks, in 0..1) and its rank, the second stage's (cosine to the
 * question, in 0..1; empty for {@code single_stage}) and the final score the citations are ordered by.
 */
record Candidate(Passage passage, Optional<float[]> vector, double firstStageScore, int firstStageRank,
        OptionalDouble secondStageScore, double finalScore) {

    Candidate {
        Objects.requireNonNull(passage, "candidate passage");
        Objects.requireNonNull(vector, "candidate vector");
        Objects.requireNonNull(secondStageScore, "candidate secondStageScore");
        if (firstStageRank < 1) {
            throw new IllegalArgumentException("candidate firstStageRank must be 1 or more, was " + firstStageRank);
        }
    }

    static Candidate firstStage(Passage passage, Optional<float[]> vector, double score, int rank) {
        return new Candidate(passage, vector, score, rank, OptionalDouble.empty(), score);
    }

    Candidate rescored(double secondStage, double finalScore) {
        return new Candidate(passage, vector, firstStageScore, firstStageRank, OptionalDouble.of(secondStage),
                finalScore);
    }

    String id() {
        return ChunkFields.chunkId(passage.documentId(), passage.chunkIndex());
    }

    String searchableText() {
        return passage.searchableText();
    }
}
