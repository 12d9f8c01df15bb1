package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Vectors;
import io.llmstream.adapter.rag.language.TextLanguage;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.BytesRef;

/** Reads a passage and its cached vector back from the stored fields of its Lucene document. */
final class StoredPassages {

    private static final Set<String> STORED = Set.of(ChunkFields.ID, ChunkFields.DOCUMENT_ID,
            ChunkFields.CHARACTER_ID, ChunkFields.OWNER, ChunkFields.TITLE, ChunkFields.LANGUAGE,
            ChunkFields.CHUNK_INDEX, ChunkFields.HEADING, ChunkFields.TEXT, ChunkFields.EMBEDDING,
            ChunkFields.EMBEDDING_MODEL);

    private final StoredFields stored;

    StoredPassages(StoredFields stored) {
        this.stored = stored;
    }

    Document document(int doc) throws IOException {
        return stored.document(doc, STORED);
    }

    /** The passage; fields an index of an older version did not store are empty (language: English). */
    static Passage passage(Document doc) {
        IndexableField chunkIndex = doc.getField(ChunkFields.CHUNK_INDEX);
        String language = doc.get(ChunkFields.LANGUAGE);
        return new Passage(doc.get(ChunkFields.DOCUMENT_ID), orEmpty(doc.get(ChunkFields.CHARACTER_ID)),
                orEmpty(doc.get(ChunkFields.OWNER)), orEmpty(doc.get(ChunkFields.TITLE)),
                chunkIndex.numericValue().intValue(), orEmpty(doc.get(ChunkFields.HEADING)),
                doc.get(ChunkFields.TEXT),
                language == null ? TextLanguage.ENGLISH : TextLanguage.ofCode(language));
    }

    /** The stored vector when it was computed by {@code modelId}; a vector of another model is no use. */
    static Optional<float[]> vector(Document doc, String modelId) {
        BytesRef bytes = doc.getBinaryValue(ChunkFields.EMBEDDING);
        if (bytes == null || !modelId.equals(doc.get(ChunkFields.EMBEDDING_MODEL))) {
            return Optional.empty();
        }
        return Optional.of(Vectors.fromBytes(bytes.bytes, bytes.offset, bytes.length));
    }

    /** True when the document can be rebuilt from what it stores (older indexes did not store the keys). */
    static boolean rebuildable(Document doc) {
        return doc.get(ChunkFields.OWNER) != null && doc.get(ChunkFields.CHARACTER_ID) != null
                && doc.get(ChunkFields.LANGUAGE) != null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
