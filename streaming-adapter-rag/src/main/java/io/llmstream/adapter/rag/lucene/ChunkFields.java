package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Vectors;
import io.llmstream.adapter.rag.ingest.Chunk;
import io.llmstream.core.model.DocumentContent;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;

/** The Lucene document of one passage: filter keys, stored text and position, both analysed forms, the cached vector. */
final class ChunkFields {

    static final String ID = "id";
    static final String DOCUMENT_ID = "documentId";
    static final String CHARACTER_ID = "characterId";
    static final String OWNER = "owner";
    static final String CHUNK_INDEX = "chunkIndex";
    static final String TEXT = "text";
    static final String HEADING = "heading";
    static final String TEXT_EN = "text_en";
    static final String TEXT_DE = "text_de";
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

    static Document toLucene(DocumentContent source, Chunk chunk, Optional<float[]> vector, String modelId) {
        String documentId = source.documentId().toString();
        Document doc = new Document();
        doc.add(new StringField(ID, chunkId(documentId, chunk.index()), Field.Store.YES));
        doc.add(new StringField(DOCUMENT_ID, documentId, Field.Store.YES));
        doc.add(new StringField(CHARACTER_ID, source.characterId().toString(), Field.Store.NO));
        doc.add(new StringField(OWNER, source.owner(), Field.Store.NO));
        doc.add(new StoredField(CHUNK_INDEX, chunk.index()));
        doc.add(new StoredField(TEXT, chunk.text()));
        doc.add(new StoredField(HEADING, chunk.heading()));
        String searchable = searchableText(chunk);
        doc.add(new TextField(TEXT_EN, searchable, Field.Store.NO));
        doc.add(new TextField(TEXT_DE, searchable, Field.Store.NO));
        doc.add(new TextField(TITLE_EN, source.title(), Field.Store.NO));
        doc.add(new TextField(TITLE_DE, source.title(), Field.Store.NO));
        vector.ifPresent(v -> {
            doc.add(new StoredField(EMBEDDING, Vectors.toBytes(v)));
            doc.add(new StoredField(EMBEDDING_MODEL, modelId));
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
