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
 * Gives every passage a vector of the current model, in the background: passages a document was just indexed
 * with, and, after a model change (or in an index built without vectors), every passage. Ingestion writes the
 * passages without vectors and {@linkplain #passagesWritten() says so}; this worker then embeds them in batches,
 * each batch written under the index's write lock only if its passages are unchanged, with progress in the log
 * and in {@link #progress()}. BM25 answers for the passages meanwhile. Passages of an index too old to store
 * their keys are left to BM25 (re-ingesting fixes them).
 *
 * <p>One daemon thread, idle between rounds. An embedder failure ends the round with one logged error; the
 * passages stay BM25-only until indexing the next document starts another round.
 */
public final class BackgroundEmbedding implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BackgroundEmbedding.class.getName());
    static final int BATCH = 64;

    private final PassageIndex index;
    private final Embedder embedder;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger embedded = new AtomicInteger();
    private final Object rounds = new Object();
    /** Rounds asked for and rounds finished (guarded by {@link #rounds}): work is due while they differ. */
    private long requested = 1;
    private long finished;
    private boolean closed;
    private final Thread thread;

    /** Starts the worker, whose first round embeds whatever the index holds without a vector of this model. */
    public BackgroundEmbedding(PassageIndex index, Embedder embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.thread = Thread.ofPlatform().daemon().name("rag-embedding").unstarted(this::run);
        thread.start();
    }

    /** Passages were written without vectors: another round embeds them (returns at once). */
    void passagesWritten() {
        synchronized (rounds) {
            requested++;
            rounds.notifyAll();
        }
    }

    /**
     * Passages embedded since start, passages still waiting, and whether a round is due or going on (so a caller
     * that just indexed a document sees {@code running} until its passages have vectors).
     */
    public Progress progress() {
        synchronized (rounds) {
            return new Progress(embedded.get(), pending.get(), !closed && finished < requested);
        }
    }

    /**
     * Waits until every passage written before the call has a vector (or its round failed, or the worker was
     * closed): for tests, benchmarks and quality measurements that want {@code two_stage} at full strength.
     */
    public void awaitIdle() throws InterruptedException {
        synchronized (rounds) {
            long target = requested;
            while (!closed && finished < target) {
                rounds.wait();
            }
        }
    }

    private void run() {
        while (true) {
            long round;
            synchronized (rounds) {
                while (!closed && finished == requested) {
                    try {
                        rounds.wait();
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread (an interrupt would close Lucene's file channels); stop if one does
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                round = requested;
            }
            embedRound();
            synchronized (rounds) {
                finished = round;
                rounds.notifyAll();
            }
        }
    }

    /** Embeds every passage without a vector of this model, batch by batch, until none is left. */
    private void embedRound() {
        try {
            int stale = count();
            pending.set(stale);
            if (stale == 0) {
                return;
            }
            LOG.log(System.Logger.Level.INFO, "embedding " + stale + " passages with " + embedder.modelId()
                    + " in the background; BM25 answers for them meanwhile");
            int before = embedded.get();
            int lastReported = before;
            int idle = 0;
            while (!isClosed() && idle < 3) {
                int written = batch();
                if (written < 0) {
                    break;
                }
                // a batch whose passages all changed under it is tried again, but not forever
                idle = written == 0 ? idle + 1 : 0;
                int done = embedded.get();
                if (done - lastReported >= Math.max(BATCH, stale / 10)) {
                    lastReported = done;
                    LOG.log(System.Logger.Level.INFO, "embedded " + (done - before) + " of about "
                            + (done - before + pending.get()) + " passages");
                }
            }
            LOG.log(System.Logger.Level.INFO, "background embedding done: " + (embedded.get() - before) + " passages");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "background embedding stopped; passages without vectors answer by BM25 "
                    + "only until the next document is indexed: " + e.getMessage(), e);
        }
    }

    private boolean isClosed() {
        synchronized (rounds) {
            return closed;
        }
    }

    private int count() throws IOException {
        return index.withSearcher(searcher -> searcher.count(stale()));
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
        // counted again, not decremented: documents indexed meanwhile join this round
        pending.set(count());
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
        synchronized (rounds) {
            closed = true;
            rounds.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How far the background embedding is; {@code running} while a round is due or going on. */
    public record Progress(int embedded, int pending, boolean running) {

        /** Passages found without a vector of the current model since start: those embedded plus those waiting. */
        public int total() {
            return embedded + pending;
        }
    }
}
