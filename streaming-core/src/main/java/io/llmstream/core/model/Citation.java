package io.llmstream.core.model;

/**
 * One retrieved passage an answer is grounded in.
 *
 * @param id         the chunk's id, stable while the document is not re-ingested
 * @param content    the passage's text
 * @param score      relevance, normalised to 0..1 (higher is better)
 * @param documentId the knowledge document the passage comes from
 * @param chunkIndex the passage's position in that document, from 0
 */
public record Citation(String id, String content, double score, String documentId, int chunkIndex) {

    public Citation {
        Checks.notBlank(id, "citation id");
        Checks.required(content, "citation content");
        Checks.notBlank(documentId, "citation documentId");
        Checks.nonNegative(chunkIndex, "citation chunkIndex");
        if (Double.isNaN(score) || score < 0.0 || score > 1.0) {
            throw new IllegalArgumentException("citation score must be within 0..1, was " + score);
        }
    }
}
