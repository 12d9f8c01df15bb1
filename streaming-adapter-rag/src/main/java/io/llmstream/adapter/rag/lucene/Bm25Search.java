package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.language.LanguageDetector;
import io.llmstream.adapter.rag.language.TextLanguage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.QueryBuilder;

/**
 * BM25: the question analysed in each language and matched against that language's passages, weighted by
 * how likely it is written in it (at least {@link #OTHER_LANGUAGE_WEIGHT}, so that names and numbers still
 * meet passages of the other language); the title counts, weaker.
 */
final class Bm25Search {

    /** Long questions are cut: BM25 gains nothing from more terms and Lucene limits clauses. */
    static final int MAX_QUERY_CHARS = 2000;
    static final double OTHER_LANGUAGE_WEIGHT = 0.3;
    private static final float TITLE_BOOST = 0.3f;

    private final LanguageDetector detector;
    private final Map<TextLanguage, QueryBuilder> builders = new EnumMap<>(TextLanguage.class);

    Bm25Search(LanguageDetector detector) {
        this.detector = detector;
        for (TextLanguage language : TextLanguage.values()) {
            builders.put(language, new QueryBuilder(Analyzers.of(language)));
        }
    }

    List<Hit> search(IndexSearcher searcher, Query filter, String text, int count) throws IOException {
        Optional<Query> match = match(text);
        if (match.isEmpty()) {
            return List.of();
        }
        Query query = new BooleanQuery.Builder().add(match.get(), Occur.MUST).add(filter, Occur.FILTER).build();
        List<Hit> hits = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
            hits.add(new Hit(hit.doc, hit.score));
        }
        return hits;
    }

    Optional<Query> match(String text) {
        String cut = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        Map<TextLanguage, Double> confidences = detector.confidences(cut);
        BooleanQuery.Builder match = new BooleanQuery.Builder();
        boolean any = false;
        for (TextLanguage language : TextLanguage.values()) {
            float weight = (float) Math.max(OTHER_LANGUAGE_WEIGHT, confidences.get(language));
            any |= add(match, builders.get(language).createBooleanQuery(ChunkFields.textField(language), cut), weight);
        }
        add(match, builders.get(TextLanguage.ENGLISH).createBooleanQuery(ChunkFields.TITLE_EN, cut), TITLE_BOOST);
        add(match, builders.get(TextLanguage.GERMAN).createBooleanQuery(ChunkFields.TITLE_DE, cut), TITLE_BOOST);
        return any ? Optional.of(match.build()) : Optional.empty();
    }

    private static boolean add(BooleanQuery.Builder builder, Query query, float boost) {
        if (query == null) {
            return false;
        }
        builder.add(boost == 1f ? query : new BoostQuery(query, boost), Occur.SHOULD);
        return true;
    }
}
