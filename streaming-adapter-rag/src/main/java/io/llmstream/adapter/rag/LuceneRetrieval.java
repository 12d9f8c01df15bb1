package io.llmstream.adapter.rag;

import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import io.llmstream.adapter.rag.common.RagException;
import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.EmbeddingPack;
import io.llmstream.adapter.rag.embedding.EmbeddingException;
import io.llmstream.adapter.rag.embedding.OnnxDirectoryEmbedder;
import io.llmstream.adapter.rag.embedding.OnnxMiniLmEmbedder;
import io.llmstream.adapter.rag.embedding.OpenAiCompatibleEmbedder;
import io.llmstream.adapter.rag.ingest.Chunker;
import io.llmstream.adapter.rag.ingest.DocumentParser;
import io.llmstream.adapter.rag.lucene.BackgroundEmbedding;
import io.llmstream.adapter.rag.lucene.LuceneContextRetriever;
import io.llmstream.adapter.rag.lucene.PassageIndex;
import io.llmstream.adapter.rag.lucene.LuceneKnowledgeBase;
import io.llmstream.adapter.rag.translation.LlmQueryTranslator;
import io.llmstream.adapter.rag.translation.QueryTranslationConfig;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.KnowledgeBase;
import io.llmstream.core.port.LlmStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in retrieval: one Lucene index of passages (on disk or in memory) behind both ports, the
 * {@link KnowledgeBase} that takes knowledge documents in and the {@link ContextRetriever} that searches them.
 *
 * <p>Open it once at start, hand {@link #knowledgeBase()} and {@link #retriever()} to the core, and close it at
 * shutdown (which commits and releases the index directory's lock). Thread-safe.
 */
public final class LuceneRetrieval implements AutoCloseable {

    private final PassageIndex passages;
    private final LuceneKnowledgeBase knowledgeBase;
    private final LuceneContextRetriever retriever;
    private final Optional<BackgroundEmbedding> backgroundEmbedding;

    private final Optional<LlmQueryTranslator> translator;

    private LuceneRetrieval(RetrievalConfig config, Optional<Embedder> embedder, Optional<LlmQueryTranslator> translator) {
        this.translator = translator;
        this.passages = PassageIndex.open(config.indexDir());
        // new passages, and those of another model (or none), get vectors of this one while the index already answers
        this.backgroundEmbedding = config.embedAtIngestion() && embedder.isPresent()
                ? Optional.of(new BackgroundEmbedding(passages, embedder.get())) : Optional.empty();
        this.knowledgeBase = new LuceneKnowledgeBase(passages, new DocumentParser(config.maxDocumentBytes()),
                new Chunker(config.chunkSize(), config.chunkOverlap()), backgroundEmbedding);
        this.retriever = new LuceneContextRetriever(passages, embedder, translator);
    }

    /**
     * Opens (or creates) the index and loads the embedding model named in the config; without the in-process
     * runtime on the class path the bundled model is left out and retrieval runs on BM25 alone (see
     * {@link #embedder(EmbeddingConfig, EmbeddingPack)}).
     *
     * @throws RagException when the index directory cannot be opened (e.g. another process holds its lock)
     */
    public static LuceneRetrieval open(RetrievalConfig config) {
        Objects.requireNonNull(config, "config");
        return open(config, embedder(config.embedding(), EmbeddingPack.onClassPath()));
    }

    /** As {@link #open(RetrievalConfig)}, with an embedder of the caller's (its config entry is ignored). */
    public static LuceneRetrieval open(RetrievalConfig config, Embedder embedder) {
        Objects.requireNonNull(embedder, "embedder");
        return open(config, Optional.of(embedder));
    }

    /**
     * As {@link #open(RetrievalConfig, Embedder)}; without an embedder nothing is embedded and {@code two_stage}
     * questions are answered as {@code single_stage} ones, by BM25 alone (their citations have no second-stage score).
     */
    public static LuceneRetrieval open(RetrievalConfig config, Optional<Embedder> embedder) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(embedder, "embedder");
        return new LuceneRetrieval(config, embedder, Optional.empty());
    }

    /**
     * As {@link #open(RetrievalConfig, Embedder)}, and every question is also translated by {@code llm} into
     * the other languages of the asked character's documents, each version searched and the results fused.
     * Give it a real LLM only: a question waits up to the translation timeout for it.
     */
    public static LuceneRetrieval open(RetrievalConfig config, Embedder embedder, LlmStream llm,
            QueryTranslationConfig translation) {
        Objects.requireNonNull(embedder, "embedder");
        return open(config, Optional.of(embedder), llm, translation);
    }

    /** As {@link #open(RetrievalConfig, Embedder, LlmStream, QueryTranslationConfig)}, perhaps without an embedder. */
    public static LuceneRetrieval open(RetrievalConfig config, Optional<Embedder> embedder, LlmStream llm,
            QueryTranslationConfig translation) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(embedder, "embedder");
        return new LuceneRetrieval(config, embedder, Optional.of(new LlmQueryTranslator(llm, translation)));
    }

    /** Translations that failed or timed out since start (for metrics); 0 without translation. */
    public long translationFailures() {
        return translator.map(LlmQueryTranslator::failures).orElse(0L);
    }

    /**
     * The embedder a config names; the bundled in-process model is one shared instance per process, and none when
     * {@code pack} is not installed (an application that ships it apart, started without it).
     *
     * @throws EmbeddingException when a model directory is missing, incomplete or holds no loadable model, or was
     *                            named while {@code pack} is not installed (its runtime would run it)
     */
    public static Optional<Embedder> embedder(EmbeddingConfig config, EmbeddingPack pack) {
        Objects.requireNonNull(pack, "pack");
        return switch (config) {
            case EmbeddingConfig.InProcess inProcess -> pack.installed()
                    ? Optional.of(OnnxMiniLmEmbedder.shared()) : Optional.empty();
            case EmbeddingConfig.OnnxDirectory directory -> {
                if (!pack.installed()) {
                    throw new EmbeddingException("the embedding model directory " + directory.path().toAbsolutePath()
                            + " cannot be run: " + pack.describe());
                }
                yield Optional.of(OnnxDirectoryEmbedder.load(directory.path()));
            }
            case EmbeddingConfig.OpenAiCompatible remote -> Optional.of(new OpenAiCompatibleEmbedder(remote));
        };
    }

    public ContextRetriever retriever() {
        return retriever;
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    /** True while the index is open and searchable (for the app's readiness probe). */
    public boolean isReady() {
        return passages.isReady();
    }

    /** Passages indexed, over all characters (for metrics and the readiness report). */
    public int passageCount() {
        return passages.passageCount();
    }

    /** How far giving passages vectors in the background is (for metrics); zero of zero without it. */
    public BackgroundEmbedding.Progress embeddingProgress() {
        return backgroundEmbedding.map(BackgroundEmbedding::progress).orElse(new BackgroundEmbedding.Progress(0, 0, false));
    }

    /**
     * Waits until the passages indexed so far have vectors (returns at once without them): until then
     * {@code two_stage} ranks those passages by BM25 and the query's cosine only. For tests and measurements.
     */
    public void awaitEmbedding() throws InterruptedException {
        if (backgroundEmbedding.isPresent()) {
            backgroundEmbedding.get().awaitIdle();
        }
    }

    @Override
    public void close() {
        backgroundEmbedding.ifPresent(BackgroundEmbedding::close);
        translator.ifPresent(LlmQueryTranslator::close);
        passages.close();
    }
}
