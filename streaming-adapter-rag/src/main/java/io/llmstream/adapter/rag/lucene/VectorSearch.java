package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * The dense first stage: approximate nearest neighbours (HNSW) among the passages embedded by the current
 * model, within the same owner's character. Scores are Lucene's for unit vectors, {@code (1 + cosine) / 2}.
 */
final class VectorSearch {

    private VectorSearch() {
    }

    /** True when the index holds vectors of this size at all (an old or BM25-only index has none). */
    static boolean available(IndexSearcher searcher, int dimensions) {
        FieldInfo info = FieldInfos.getMergedFieldInfos(searcher.getIndexReader())
                .fieldInfo(ChunkFields.vectorField(dimensions));
        return info != null && info.getVectorDimension() == dimensions;
    }

    static List<Hit> search(IndexSearcher searcher, Query filter, String modelId, float[] vector, int count)
            throws IOException {
        Query sameModel = new BooleanQuery.Builder()
                .add(filter, Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.EMBEDDING_MODEL, modelId)), Occur.FILTER)
                .build();
        Query knn = new KnnFloatVectorQuery(ChunkFields.vectorField(vector.length), Vectors.normalised(vector),
                count, sameModel);
        List<Hit> hits = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(knn, count).scoreDocs) {
            hits.add(new Hit(hit.doc, hit.score));
        }
        return hits;
    }
}
