package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores first-stage candidates by the cosine of their vector to the closest version of the question. When the
 * first stage was BM25 alone (an index without vectors, or {@code rag.embed-at-ingestion=false}), the cosine is
 * the only semantic signal and is blended with BM25's score relative to the best candidate's. When the vector
 * search already voted in the first stage's rank fusion, the fused order stands and the cosine is only reported:
 * blending it in again would give the same model a second vote (docs/retrieval.md measures both).
 */
final class SecondStage {

    private final Embedder embedder;
    private final double firstStageWeight;

    /** @param firstStageWeight share of a BM25-only first stage in the final score, 0..1 (docs/retrieval.md) */
    SecondStage(Embedder embedder, double firstStageWeight) {
        this.embedder = embedder;
        this.firstStageWeight = firstStageWeight;
    }

    /**
     * The candidates re-scored, best first (a stable sort: ties keep the first stage's order).
     *
     * @param denseFirstStage whether the vector search took part in the first stage
     */
    List<Candidate> rescore(List<float[]> questions, List<Candidate> candidates, boolean denseFirstStage) {
        double weight = denseFirstStage ? 1.0 : firstStageWeight;
        List<float[]> vectors = vectors(candidates);
        double bestFirst = candidates.stream().mapToDouble(Candidate::firstStageScore).max().orElse(0);
        List<Candidate> rescored = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            double similarity = 0;
            for (float[] question : questions) {
                similarity = Math.max(similarity, Math.clamp(Vectors.cosine(question, vectors.get(i)), 0.0, 1.0));
            }
            Candidate candidate = candidates.get(i);
            double first = bestFirst > 0 ? candidate.firstStageScore() / bestFirst : 0.0;
            rescored.add(candidate.rescored(similarity, (1 - weight) * similarity + weight * first));
        }
        rescored.sort(Comparator.comparingDouble(Candidate::finalScore).reversed());
        return rescored;
    }

    /** Stored vectors where the current model made them; the others are embedded now, in one call. */
    private List<float[]> vectors(List<Candidate> candidates) {
        List<String> missing = candidates.stream().filter(c -> c.vector().isEmpty())
                .map(Candidate::searchableText).toList();
        List<float[]> computed = missing.isEmpty() ? List.of() : embedder.embedAll(missing);
        List<float[]> vectors = new ArrayList<>(candidates.size());
        int next = 0;
        for (Candidate candidate : candidates) {
            vectors.add(candidate.vector().isPresent() ? candidate.vector().get() : computed.get(next++));
        }
        return vectors;
    }
}
