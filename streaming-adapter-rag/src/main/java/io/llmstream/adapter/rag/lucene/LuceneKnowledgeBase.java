package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.EmbeddingException;
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
 * Parses, chunks and (optionally) embeds a document completely before touching the index, then swaps its
 * passages in one atomic, committed {@code updateDocuments}: a failure at any step leaves the previous
 * version in place and nothing of the new one.
 */
public final class LuceneKnowledgeBase implements KnowledgeBase {

    private final PassageIndex index;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final Optional<Embedder> embedder;
    private final LanguageDetector detector = LanguageDetector.shared();

    /** @param embedder computes the passages' vectors at ingestion; empty leaves them to query time */
    public LuceneKnowledgeBase(PassageIndex index, DocumentParser parser, Chunker chunker,
            Optional<Embedder> embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public int index(DocumentContent document) {
        Objects.requireNonNull(document, "document");
        List<Chunk> chunks = chunker.chunk(parser.parse(document));
        List<Optional<float[]>> vectors = embed(document, chunks);
        List<Document> passages = new ArrayList<>(chunks.size());
        String modelId = embedder.map(Embedder::modelId).orElse("");
        for (int i = 0; i < chunks.size(); i++) {
            passages.add(ChunkFields.toLucene(passage(document, chunks.get(i)), vectors.get(i), modelId));
        }
        try {
            index.replace(ChunkFields.documentTerm(document.documentId().toString()), passages);
        } catch (IOException | RuntimeException e) {
            throw new IngestionException(IngestionException.Reason.INDEX_FAILURE, "document '" + document.title()
                    + "' (" + document.documentId() + ") could not be written to the index: " + e.getMessage(), e);
        }
        return chunks.size();
    }

    private Passage passage(DocumentContent document, Chunk chunk) {
        return new Passage(document.documentId().toString(), document.characterId().toString(), document.owner(),
                document.title(), chunk.index(), chunk.heading(), chunk.text(),
                detector.detect(ChunkFields.searchableText(chunk)));
    }

    private List<Optional<float[]>> embed(DocumentContent document, List<Chunk> chunks) {
        if (embedder.isEmpty()) {
            return chunks.stream().map(chunk -> Optional.<float[]>empty()).toList();
        }
        try {
            List<String> texts = chunks.stream().map(ChunkFields::searchableText).toList();
            return embedder.get().embedAll(texts).stream().map(Optional::of).toList();
        } catch (EmbeddingException e) {
            throw new IngestionException(IngestionException.Reason.INDEX_FAILURE, "document '" + document.title()
                    + "' (" + document.documentId() + ") could not be embedded: " + e.getMessage(), e);
        }
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
