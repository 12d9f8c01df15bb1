package io.llmstream.core.model;

import java.util.Optional;

/**
 * One retrieved passage an answer may be grounded in, with every score a user may want to check.
 *
 * @param id               the chunk's id, stable while the document is not re-ingested
 * @param content          the passage's text
 * @param score            the final relevance the passages are ordered by, normalised to 0..1 (higher is better)
 * @param documentId       the knowledge document the passage comes from
 * @param chunkIndex       the passage's position in that document, from 0
 * @param title            the document's title; empty when the retriever does not know it
 * @param firstStageScore  the first stage's score (BM25, or BM25 fused with the vector search), in 0..1
 * @param firstStageRank   the passage's rank in the first stage, from 1
 * @param secondStageScore the second stage's score (re-scoring by the embedding model), in 0..1; empty when
 *                         there was no second stage
 */
public record Citation(String id, String content, double score, String documentId, int chunkIndex, String title,
        double firstStageScore, int firstStageRank, Optional<Double> secondStageScore) {

    public Citation {
        Checks.notBlank(id, "citation id");
        Checks.required(content, "citation content");
        Checks.notBlank(documentId, "citation documentId");
        Checks.nonNegative(chunkIndex, "citation chunkIndex");
        unit(score, "citation score");
        Checks.required(title, "citation title");
        unit(firstStageScore, "citation firstStageScore");
        if (firstStageRank < 1) {
            throw new IllegalArgumentException("citation firstStageRank must be 1 or more, was " + firstStageRank);
        }
        Checks.required(secondStageScore, "citation secondStageScore");
        secondStageScore.ifPresent(s -> unit(s, "citation secondStageScore"));
    }

    /**
     * A passage of a single-stage retriever that reports neither title nor rank: the first stage's score is the
     * final one, its rank 1.
     */
    public Citation(String id, String content, double score, String documentId, int chunkIndex) {
        this(id, content, score, documentId, chunkIndex, "", score, 1, Optional.empty());
    }

    /** The same passage at another first-stage rank (a retriever that knows only the order of its results). */
    public Citation withFirstStageRank(int rank) {
        return new Citation(id, content, score, documentId, chunkIndex, title, firstStageScore, rank, secondStageScore);
    }

    private static void unit(double value, String field) {
        if (Double.isNaN(value) || value < 0.0 || value > 1.0) {
            throw new IllegalArgumentException(field + " must be within 0..1, was " + value);
        }
    }
}
