package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/** BM25 over both language fields (and, weaker, the title), restricted to one owner's character. */
final class FirstStage {

    /** Long questions are cut: BM25 gains nothing from more terms and Lucene limits clauses. */
    static final int MAX_QUERY_CHARS = 2000;
    private static final float TITLE_BOOST = 0.3f;
    private static final Set<String> STORED = Set.of(ChunkFields.ID, ChunkFields.DOCUMENT_ID,
            ChunkFields.CHUNK_INDEX, ChunkFields.HEADING, ChunkFields.TEXT, ChunkFields.EMBEDDING,
            ChunkFields.EMBEDDING_MODEL);

    private final QueryBuilder english = new QueryBuilder(Analyzers.english());
    private final QueryBuilder german = new QueryBuilder(Analyzers.german());

    List<Candidate> search(LuceneIndex index, String owner, String characterId, String text, int count,
            String modelId) throws IOException {
        Optional<Query> query = query(owner, characterId, text);
        if (query.isEmpty()) {
            return List.of();
        }
        return index.withSearcher(searcher -> {
            TopDocs top = searcher.search(query.get(), count);
            StoredFields stored = searcher.storedFields();
            List<Candidate> candidates = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                candidates.add(candidate(stored.document(hit.doc, STORED), hit.score, modelId));
            }
            return candidates;
        });
    }

    Optional<Query> query(String owner, String characterId, String text) {
        String cut = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        BooleanQuery.Builder match = new BooleanQuery.Builder();
        boolean any = add(match, english.createBooleanQuery(ChunkFields.TEXT_EN, cut), 1f);
        any |= add(match, german.createBooleanQuery(ChunkFields.TEXT_DE, cut), 1f);
        add(match, english.createBooleanQuery(ChunkFields.TITLE_EN, cut), TITLE_BOOST);
        add(match, german.createBooleanQuery(ChunkFields.TITLE_DE, cut), TITLE_BOOST);
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(new BooleanQuery.Builder()
                .add(match.build(), Occur.MUST)
                .add(new TermQuery(new Term(ChunkFields.CHARACTER_ID, characterId)), Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.OWNER, owner)), Occur.FILTER)
                .build());
    }

    private static boolean add(BooleanQuery.Builder builder, Query query, float boost) {
        if (query == null) {
            return false;
        }
        builder.add(boost == 1f ? query : new BoostQuery(query, boost), Occur.SHOULD);
        return true;
    }

    private static Candidate candidate(Document doc, float score, String modelId) {
        Optional<float[]> vector = Optional.empty();
        BytesRef bytes = doc.getBinaryValue(ChunkFields.EMBEDDING);
        if (bytes != null && modelId.equals(doc.get(ChunkFields.EMBEDDING_MODEL))) {
            vector = Optional.of(Vectors.fromBytes(bytes.bytes, bytes.offset,
                    bytes.length));
        }
        return new Candidate(doc.get(ChunkFields.ID), doc.get(ChunkFields.DOCUMENT_ID),
                doc.getField(ChunkFields.CHUNK_INDEX).numericValue().intValue(),
                doc.get(ChunkFields.HEADING), doc.get(ChunkFields.TEXT), score, vector);
    }

}
