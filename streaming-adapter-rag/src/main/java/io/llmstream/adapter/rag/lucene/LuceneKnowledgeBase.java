package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.ingest.Chunk;
import io.llmstream.adapter.rag.ingest.Chunker;
import io.llmstream.adapter.rag.ingest.DocumentParser;
import io.llmstream.adapter.rag.language.LanguageDetector;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.port.IngestionException;
import io.llmstream.core.port.KnowledgeBase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;

/**
 * Parses and chunks a document completely before touching the index, then swaps its passages in one atomic,
 * committed {@code updateDocuments}: a failure at any step leaves the previous version in place and nothing of
 * the new one. The passages are written without vectors, so that a request never waits for the embedding model;
 * {@link BackgroundEmbedding} gives them theirs afterwards.
 */
public final class LuceneKnowledgeBase implements KnowledgeBase {

    private final PassageIndex index;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final Optional<BackgroundEmbedding> embedding;
    private final LanguageDetector detector = LanguageDetector.shared();

    /** @param embedding gives the written passages vectors in the background; empty leaves them to query time */
    public LuceneKnowledgeBase(PassageIndex index, DocumentParser parser, Chunker chunker,
            Optional<BackgroundEmbedding> embedding) {
        this.index = Objects.requireNonNull(index, "index");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.embedding = Objects.requireNonNull(embedding, "embedding");
    }

    @Override
    public int index(DocumentContent document) {
        Objects.requireNonNull(document, "document");
        List<Chunk> chunks = chunker.chunk(parser.parse(document));
        List<Document> passages = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            passages.add(ChunkFields.toLucene(passage(document, chunk), Optional.empty(), ""));
        }
        try {
            index.replace(ChunkFields.documentTerm(document.documentId().toString()), passages);
        } catch (IOException | RuntimeException e) {
            throw new IngestionException(IngestionException.Reason.INDEX_FAILURE, "document '" + document.title()
                    + "' (" + document.documentId() + ") could not be written to the index: " + e.getMessage(), e);
        }
        embedding.ifPresent(BackgroundEmbedding::passagesWritten);
        return chunks.size();
    }

    private Passage passage(DocumentContent document, Chunk chunk) {
        return new Passage(document.documentId().toString(), document.characterId().toString(), document.owner(),
                document.title(), chunk.index(), chunk.heading(), chunk.text(),
                detector.detect(ChunkFields.searchableText(chunk)));
    }

    @Override
    public void remove(UUID documentId) {
        Objects.requireNonNull(documentId, "documentId");
        try {
            index.delete(ChunkFields.documentTerm(documentId.toString()));
        } catch (IOException | RuntimeException e) {
            throw new IngestionException(IngestionException.Reason.INDEX_FAILURE,
                    "document " + documentId + " could not be removed from the index: " + e.getMessage(), e);
        }
    }

    @Override
    public void removeCharacter(UUID characterId) {
        Objects.requireNonNull(characterId, "characterId");
        try {
            index.delete(new Term(ChunkFields.CHARACTER_ID, characterId.toString()));
        } catch (IOException | RuntimeException e) {
            throw new IngestionException(IngestionException.Reason.INDEX_FAILURE,
                    "the passages of character " + characterId + " could not be removed: " + e.getMessage(), e);
        }
    }
}
