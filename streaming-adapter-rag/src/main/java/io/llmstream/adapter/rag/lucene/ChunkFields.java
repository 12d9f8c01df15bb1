package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Vectors;
import io.llmstream.adapter.rag.ingest.Chunk;
import io.llmstream.adapter.rag.language.TextLanguage;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The Lucene document of one passage: filter keys, stored text and position, the text analysed in its own
 * language, the vector (HNSW-indexed and stored). Everything needed to rebuild the document is stored, so a
 * model change can re-embed without the original bytes.
 */
final class ChunkFields {

    static final String ID = "id";
    static final String DOCUMENT_ID = "documentId";
    static final String CHARACTER_ID = "characterId";
    static final String OWNER = "owner";
    static final String CHUNK_INDEX = "chunkIndex";
    static final String TEXT = "text";
    static final String HEADING = "heading";
    static final String TITLE = "title";
    static final String LANGUAGE = "language";
    static final String TITLE_EN = "title_en";
    static final String TITLE_DE = "title_de";
    static final String EMBEDDING = "embedding";
    static final String EMBEDDING_MODEL = "embeddingModel";

    private ChunkFields() {
    }

    static String chunkId(String documentId, int chunkIndex) {
        return documentId + ":" + chunkIndex;
    }

    static Term documentTerm(String documentId) {
        return new Term(DOCUMENT_ID, documentId);
    }

    static String textField(TextLanguage language) {
        return "text_" + language.code();
    }

    /**
     * The HNSW field of vectors of one dimension: Lucene fixes a field's dimension for the whole index, so a
     * model of another size writes a field of its own while the old one is re-embedded away.
     */
    static String vectorField(int dimensions) {
        return "vector_" + dimensions;
    }

    static Document toLucene(Passage passage, Optional<float[]> vector, String modelId) {
        Document doc = new Document();
        doc.add(new StringField(ID, chunkId(passage.documentId(), passage.chunkIndex()), Field.Store.YES));
        doc.add(new StringField(DOCUMENT_ID, passage.documentId(), Field.Store.YES));
        doc.add(new StringField(CHARACTER_ID, passage.characterId(), Field.Store.YES));
        doc.add(new StringField(OWNER, passage.owner(), Field.Store.YES));
        doc.add(new StringField(LANGUAGE, passage.language().code(), Field.Store.YES));
        doc.add(new StoredField(CHUNK_INDEX, passage.chunkIndex()));
        doc.add(new StoredField(TEXT, passage.text()));
        doc.add(new StoredField(HEADING, passage.heading()));
        doc.add(new StoredField(TITLE, passage.title()));
        doc.add(new TextField(textField(passage.language()), passage.searchableText(), Field.Store.NO));
        doc.add(new TextField(TITLE_EN, passage.title(), Field.Store.NO));
        doc.add(new TextField(TITLE_DE, passage.title(), Field.Store.NO));
        vector.ifPresent(v -> {
            doc.add(new KnnFloatVectorField(vectorField(v.length), Vectors.normalised(v),
                    VectorSimilarityFunction.DOT_PRODUCT));
            doc.add(new StoredField(EMBEDDING, Vectors.toBytes(v)));
            doc.add(new StringField(EMBEDDING_MODEL, modelId, Field.Store.YES));
        });
        return doc;
    }

    /** What BM25 and the embedding see: the heading gives a short passage its topic. */
    static String searchableText(Chunk chunk) {
        return searchableText(chunk.heading(), chunk.text());
    }

    static String searchableText(String heading, String text) {
        return heading.isEmpty() ? text : heading + "\n" + text;
    }
}
