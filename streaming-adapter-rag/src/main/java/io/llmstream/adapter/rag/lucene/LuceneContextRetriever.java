package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.language.LanguageDetector;
import io.llmstream.adapter.rag.language.TextLanguage;
import io.llmstream.adapter.rag.translation.LlmQueryTranslator;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.RetrievalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Objects;

/**
 * {@code single_stage}: BM25, scores squashed to 0..1 by {@code s / (s + k)}. {@code two_stage}: BM25 and
 * the vector search each fetch {@code 2 * topK} candidates, fused by reciprocal rank; the embedding model
 * scores the union by cosine to the question (the order's judge only when the index has no vectors, see
 * {@link SecondStage}); the best {@code topK} are kept. Without an embedding model (its runtime not shipped),
 * {@code two_stage} is answered as {@code single_stage}: the citations then have no second-stage score.
 */
public final class LuceneContextRetriever implements ContextRetriever {

    /** BM25 score that maps to 0.5; typical scores of a good match are 5..30. */
    static final double BM25_HALF_SCORE = 5.0;
    /**
     * Share of a BM25-only first stage's score in the two-stage score (an index without vectors); measured in
     * docs/retrieval.md.
     */
    static final double FIRST_STAGE_WEIGHT = 0.9;

    /** A question this likely (Lingua's confidence) to be in a language is not translated into it. */
    static final double SURE_OF_LANGUAGE = 0.9;

    /** The model id searched for when there is no model: no stored vector has it. */
    private static final String NO_MODEL = "";

    private final Optional<Embedder> embedder;
    private final CandidateSearch search;
    private final Optional<SecondStage> secondStage;
    private final Optional<LlmQueryTranslator> translator;
    private final LanguageDetector detector = LanguageDetector.shared();

    public LuceneContextRetriever(PassageIndex index, Embedder embedder) {
        this(index, embedder, Optional.empty());
    }

    /** @param translator rewrites questions into the other languages of the character's documents, if present */
    public LuceneContextRetriever(PassageIndex index, Embedder embedder, Optional<LlmQueryTranslator> translator) {
        this(index, Optional.of(Objects.requireNonNull(embedder, "embedder")), translator);
    }

    /** @param embedder the second stage's model; without one, {@code two_stage} is answered by BM25 alone */
    public LuceneContextRetriever(PassageIndex index, Optional<Embedder> embedder, Optional<LlmQueryTranslator> translator) {
        this(index, embedder, translator, FIRST_STAGE_WEIGHT);
    }

    LuceneContextRetriever(PassageIndex index, Optional<Embedder> embedder, Optional<LlmQueryTranslator> translator,
            double firstStageWeight) {
        Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.search = new CandidateSearch(index, detector);
        this.secondStage = embedder.map(model -> new SecondStage(model, firstStageWeight));
    }

    @Override
    public List<Citation> retrieve(RetrievalQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.text().isBlank()) {
            return List.of();
        }
        return candidates(query, versions(query)).stream().limit(query.config().topK())
                .map(LuceneContextRetriever::citation).toList();
    }

    /** The question, then its translations into the character's other languages (none without a translator). */
    List<String> versions(RetrievalQuery query) {
        if (translator.isEmpty()) {
            return List.of(query.text());
        }
        Set<TextLanguage> present;
        try {
            present = search.languages(query.owner(), query.characterId().toString());
        } catch (IOException e) {
            throw new RetrievalException("the passage index could not be searched: " + e.getMessage(), e);
        }
        Map<TextLanguage, Double> confidences = detector.confidences(query.text());
        Set<TextLanguage> targets = EnumSet.noneOf(TextLanguage.class);
        present.stream().filter(language -> confidences.get(language) < SURE_OF_LANGUAGE).forEach(targets::add);
        List<String> versions = new ArrayList<>();
        versions.add(query.text());
        translator.get().translate(query.text(), targets).values().stream()
                .filter(text -> !versions.contains(text)).forEach(versions::add);
        return versions;
    }

    /** Every candidate of the question's versions, best first, with all their scores. */
    List<Candidate> candidates(RetrievalQuery query, List<String> versions) {
        boolean twoStage = query.config().strategy() == SearchStrategy.TWO_STAGE && embedder.isPresent();
        List<float[]> questions;
        try {
            questions = twoStage ? embedder.get().embedAll(versions) : List.of();
        } catch (RuntimeException e) {
            throw new RetrievalException("the question could not be embedded: " + e.getMessage(), e);
        }
        CandidateSearch.FirstStage first;
        try {
            first = search.search(query.owner(), query.characterId().toString(), versions, questions,
                    embedder.map(Embedder::modelId).orElse(NO_MODEL), query.config().candidateCount());
        } catch (IOException | RuntimeException e) {
            throw new RetrievalException("the passage index could not be searched: " + e.getMessage(), e);
        }
        if (!twoStage || first.candidates().isEmpty()) {
            return first.candidates();
        }
        try {
            return secondStage.orElseThrow().rescore(questions, first.candidates(), first.dense());
        } catch (RuntimeException e) {
            throw new RetrievalException("the second stage could not embed: " + e.getMessage(), e);
        }
    }

    static Citation citation(Candidate candidate) {
        Passage passage = candidate.passage();
        Optional<Double> secondStage = candidate.secondStageScore().isPresent()
                ? Optional.of(unit(candidate.secondStageScore().getAsDouble())) : Optional.empty();
        return new Citation(candidate.id(), passage.text(), unit(candidate.finalScore()), passage.documentId(),
                passage.chunkIndex(), passage.title(), unit(candidate.firstStageScore()), candidate.firstStageRank(),
                secondStage);
    }

    /** Scores are in 0..1 by construction; the clamp absorbs floating-point overshoot (a cosine of 1.0000001). */
    private static double unit(double score) {
        return Math.clamp(score, 0.0, 1.0);
    }
}
