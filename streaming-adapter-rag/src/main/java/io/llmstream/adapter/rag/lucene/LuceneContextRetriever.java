package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.Vectors;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.RetrievalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * {@code single_stage}: BM25, scores squashed to 0..1 by {@code s / (s + k)}. {@code two_stage}: the
 * first stage fetches {@code 2 * topK} candidates, the embedding model re-scores them by cosine similarity
 * to the question (cached passage vectors; missing ones are embedded on the spot), blended with a quarter
 * of the relative BM25 score; the best {@code topK} are kept with that 0..1 score.
 */
public final class LuceneContextRetriever implements ContextRetriever {

    /** BM25 score that maps to 0.5; typical scores of a good match over both language fields are 5..30. */
    static final double BM25_HALF_SCORE = 5.0;
    /**
     * Share of the first stage's BM25 score (relative to the best candidate) in the two-stage score. The model
     * alone (0.0) loses German passages, as all-MiniLM-L6-v2 was trained on English; 0.2..0.3 measured best
     * on the quality corpus (docs/retrieval.md).
     */
    static final double LEXICAL_WEIGHT = 0.25;

    private final LuceneIndex index;
    private final Embedder embedder;
    private final FirstStage firstStage = new FirstStage();

    public LuceneContextRetriever(LuceneIndex index, Embedder embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public List<Citation> retrieve(RetrievalQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.text().isBlank()) {
            return List.of();
        }
        List<Candidate> candidates;
        try {
            candidates = firstStage.search(index, query.owner(), query.characterId().toString(), query.text(),
                    query.config().candidateCount(), embedder.modelId());
        } catch (IOException | RuntimeException e) {
            throw new RetrievalException("the knowledge index could not be searched: " + e.getMessage(), e);
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        if (query.config().strategy() == SearchStrategy.SINGLE_STAGE) {
            return candidates.stream().limit(query.config().topK())
                    .map(c -> citation(c, c.bm25() / (c.bm25() + BM25_HALF_SCORE))).toList();
        }
        return rescore(query, candidates);
    }

    private List<Citation> rescore(RetrievalQuery query, List<Candidate> candidates) {
        List<float[]> vectors;
        float[] question;
        try {
            question = embedder.embed(query.text());
            vectors = vectors(candidates);
        } catch (RuntimeException e) {
            throw new RetrievalException("the second stage could not embed: " + e.getMessage(), e);
        }
        double topBm25 = candidates.getFirst().bm25();
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            double similarity = Math.clamp(Vectors.cosine(question, vectors.get(i)), 0.0, 1.0);
            double lexical = topBm25 > 0 ? candidates.get(i).bm25() / topBm25 : 0.0;
            scored.add(new Scored(candidates.get(i), (1 - LEXICAL_WEIGHT) * similarity + LEXICAL_WEIGHT * lexical));
        }
        // stable sort: equal similarity keeps the BM25 order
        scored.sort(Comparator.comparingDouble(Scored::similarity).reversed());
        return scored.stream().limit(query.config().topK())
                .map(s -> citation(s.candidate(), s.similarity())).toList();
    }

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

    private static Citation citation(Candidate candidate, double score) {
        return new Citation(candidate.id(), candidate.text(), score, candidate.documentId(), candidate.chunkIndex());
    }

    private record Scored(Candidate candidate, double similarity) {
    }
}
