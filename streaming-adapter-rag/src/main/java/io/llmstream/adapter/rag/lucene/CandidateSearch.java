package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.language.LanguageDetector;
import io.llmstream.adapter.rag.language.TextLanguage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The first stage over one searcher: BM25 for every version of the question (the original and its
 * translations) and, when vectors are given and the index holds some, the vector search for each; several
 * lists are fused by {@link Fusion}. Only passages of the asking owner's character are ever considered.
 */
final class CandidateSearch {

    private static final System.Logger LOG = System.getLogger(CandidateSearch.class.getName());

    private final PassageIndex index;
    private final Bm25Search bm25;
    private final AtomicBoolean saidNoVectors = new AtomicBoolean();

    CandidateSearch(PassageIndex index, LanguageDetector detector) {
        this.index = index;
        this.bm25 = new Bm25Search(detector);
    }

    /**
     * @param versions the question and its translations, the original first
     * @param vectors  one embedding per version, or none for BM25 alone
     * @param modelId  the model the vectors come from (only its stored vectors are searched and returned)
     * @param count    how many hits each list contributes
     */
    FirstStage search(String owner, String characterId, List<String> versions, List<float[]> vectors,
            String modelId, int count) throws IOException {
        Query filter = filter(owner, characterId);
        return index.withSearcher(searcher -> {
            List<List<Hit>> lists = new ArrayList<>();
            for (String version : versions) {
                lists.add(bm25.search(searcher, filter, version, count));
            }
            boolean dense = !vectors.isEmpty() && hasVectors(searcher, vectors.getFirst().length);
            if (dense) {
                for (float[] vector : vectors) {
                    lists.add(VectorSearch.search(searcher, filter, modelId, vector, count));
                }
            }
            return new FirstStage(candidates(searcher, lists, modelId), dense);
        });
    }

    /** The first stage's candidates, best first; {@code dense} when the vector search took part in them. */
    record FirstStage(List<Candidate> candidates, boolean dense) {
    }

    /** The languages of the passages of one owner's character. */
    Set<TextLanguage> languages(String owner, String characterId) throws IOException {
        Query filter = filter(owner, characterId);
        return index.withSearcher(searcher -> {
            Set<TextLanguage> present = EnumSet.noneOf(TextLanguage.class);
            for (TextLanguage language : TextLanguage.values()) {
                Query query = new BooleanQuery.Builder().add(filter, Occur.FILTER)
                        .add(new TermQuery(new Term(ChunkFields.LANGUAGE, language.code())), Occur.FILTER).build();
                if (searcher.count(query) > 0) {
                    present.add(language);
                }
            }
            return present;
        });
    }

    private static Query filter(String owner, String characterId) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkFields.CHARACTER_ID, characterId)), Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.OWNER, owner)), Occur.FILTER)
                .build();
    }

    private boolean hasVectors(IndexSearcher searcher, int dimensions) {
        boolean has = VectorSearch.available(searcher, dimensions);
        if (!has && searcher.getIndexReader().numDocs() > 0 && saidNoVectors.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "the passage index holds no vectors of "
                    + dimensions + " dimensions yet: two_stage searches with BM25 alone until they are embedded");
        }
        return has;
    }

    private static List<Candidate> candidates(IndexSearcher searcher, List<List<Hit>> lists, String modelId)
            throws IOException {
        StoredPassages stored = new StoredPassages(searcher.storedFields());
        List<Candidate> candidates = new ArrayList<>();
        if (lists.size() == 1) {
            // one BM25 list: its own scores, squashed to 0..1 (monotone, so BM25's order)
            List<Hit> hits = lists.getFirst();
            for (int i = 0; i < hits.size(); i++) {
                Document doc = stored.document(hits.get(i).doc());
                double bm25 = hits.get(i).score();
                candidates.add(Candidate.firstStage(StoredPassages.passage(doc), StoredPassages.vector(doc, modelId),
                        bm25 / (bm25 + LuceneContextRetriever.BM25_HALF_SCORE), i + 1));
            }
            return candidates;
        }
        // the best possible fused score (first in every list) maps to 1
        double best = lists.size() / (double) (Fusion.K + 1);
        for (Fusion.Fused fused : Fusion.fuse(lists)) {
            Document doc = stored.document(fused.doc());
            candidates.add(Candidate.firstStage(StoredPassages.passage(doc), StoredPassages.vector(doc, modelId),
                    fused.score() / best, fused.rank()));
        }
        return candidates;
    }
}
