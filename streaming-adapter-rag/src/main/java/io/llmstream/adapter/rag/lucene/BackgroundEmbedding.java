package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.language.TextLanguage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Gives every passage a vector of the current model, in the background: after a model change (or an index
 * built without vectors) the passages are re-embedded in batches, each batch written under the index's write
 * lock only if its passages are unchanged, with progress in the log and in {@link #progress()}. Passages of an
 * index too old to store their keys are left to BM25 and named once in the log (re-ingesting fixes them).
 */
public final class BackgroundEmbedding implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BackgroundEmbedding.class.getName());
    static final int BATCH = 64;

    private final PassageIndex index;
    private final Embedder embedder;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger embedded = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the work on a daemon thread of its own. */
    public BackgroundEmbedding(PassageIndex index, Embedder embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.thread = Thread.ofPlatform().daemon().name("rag-reembed").unstarted(this::run);
        thread.start();
    }

    /** Passages re-embedded so far, still waiting (0 once done), and whether the work is still going on. */
    public Progress progress() {
        return new Progress(embedded.get(), pending.get(), thread.isAlive());
    }

    /** Waits until the work is done (for tests and benchmarks). */
    public void await() throws InterruptedException {
        thread.join();
    }

    private void run() {
        try {
            int stale = index.withSearcher(searcher -> searcher.count(stale()));
            pending.set(stale);
            if (stale == 0) {
                return;
            }
            LOG.log(System.Logger.Level.INFO, "re-embedding " + stale + " passages with " + embedder.modelId()
                    + " in the background; BM25 answers for them meanwhile");
            int lastReported = 0;
            int idle = 0;
            while (!closed && idle < 3) {
                int written = batch();
                if (written < 0) {
                    break;
                }
                // a batch whose passages all changed under it is tried again, but not forever
                idle = written == 0 ? idle + 1 : 0;
                int done = embedded.get();
                if (done - lastReported >= Math.max(BATCH, stale / 10)) {
                    lastReported = done;
                    LOG.log(System.Logger.Level.INFO, "re-embedded " + done + " of " + stale + " passages");
                }
            }
            LOG.log(System.Logger.Level.INFO, "re-embedding done: " + embedded.get() + " passages");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "re-embedding stopped; passages without vectors answer by BM25 only: "
                    + e.getMessage(), e);
        }
    }

    /** Embeds and rewrites one batch; how many passages were rewritten, -1 when nothing is left. */
    private int batch() throws IOException {
        List<Document> docs = index.withSearcher(searcher -> load(searcher, stale(), BATCH));
        if (docs.isEmpty()) {
            return -1;
        }
        List<Passage> passages = docs.stream().map(StoredPassages::passage).toList();
        List<float[]> vectors = embedder.embedAll(passages.stream().map(Passage::searchableText).toList());
        int written = index.exclusively(searcher -> {
            List<Term> ids = new ArrayList<>();
            List<Document> rebuilt = new ArrayList<>();
            for (int i = 0; i < passages.size(); i++) {
                Passage passage = passages.get(i);
                Term id = new Term(ChunkFields.ID, ChunkFields.chunkId(passage.documentId(), passage.chunkIndex()));
                List<Document> now = load(searcher, new TermQuery(id), 1);
                if (!now.isEmpty() && StoredPassages.passage(now.getFirst()).equals(passage)) {
                    ids.add(id);
                    rebuilt.add(ChunkFields.toLucene(passage, Optional.of(vectors.get(i)), embedder.modelId()));
                }
            }
            index.rewrite(ids, rebuilt);
            return ids.size();
        });
        embedded.addAndGet(written);
        pending.updateAndGet(p -> Math.max(0, p - written));
        return written;
    }

    /** Rebuildable passages (their keys stored) without a vector of the current model. */
    private Query stale() {
        BooleanQuery.Builder languages = new BooleanQuery.Builder();
        for (TextLanguage language : TextLanguage.values()) {
            languages.add(new TermQuery(new Term(ChunkFields.LANGUAGE, language.code())), Occur.SHOULD);
        }
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.MUST)
                .add(languages.build(), Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.EMBEDDING_MODEL, embedder.modelId())), Occur.MUST_NOT)
                .build();
    }

    private static List<Document> load(IndexSearcher searcher, Query query, int count) throws IOException {
        StoredPassages stored = new StoredPassages(searcher.storedFields());
        List<Document> docs = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
            docs.add(stored.document(hit.doc));
        }
        return docs;
    }

    /** Stops after the batch in flight, and waits for it, so that the index can be closed after. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How far the background embedding is; {@code running} until the work has ended (done, failed or closed). */
    public record Progress(int embedded, int pending, boolean running) {

        /** Passages found without a vector of the current model: those embedded plus those still waiting. */
        public int total() {
            return embedded + pending;
        }
    }
}
