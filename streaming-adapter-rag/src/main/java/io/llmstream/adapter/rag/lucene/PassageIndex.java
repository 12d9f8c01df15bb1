package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.common.RagException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The one Lucene index of a knowledge base, shared by {@link LuceneKnowledgeBase} (writes) and
 * {@link LuceneContextRetriever} (reads): a single {@link IndexWriter}, searchers from a near-real-time
 * {@link SearcherManager} refreshed after each commit. Every change is committed before it returns, so
 * what a caller was told is indexed survives a restart, and a crash loses at most the change in flight.
 * Thread-safe; the owner closes it.
 */
public final class PassageIndex implements AutoCloseable {

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Serialises changes, so that a background rewrite never resurrects a passage a re-ingestion removed. */
    private final ReentrantLock writes = new ReentrantLock();

    private PassageIndex(Directory directory) throws IOException {
        this.directory = directory;
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.perField())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(true);
        this.writer = new IndexWriter(directory, config);
        // a first commit lets an empty index be opened and searched
        writer.commit();
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens (or creates) the index under {@code dir}, or in memory when empty. */
    public static PassageIndex open(Optional<Path> dir) {
        try {
            if (dir.isPresent()) {
                Files.createDirectories(dir.get());
                return new PassageIndex(FSDirectory.open(dir.get()));
            }
            return new PassageIndex(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new RagException("cannot open the passage index at " + dir.map(Path::toString).orElse("memory")
                    + ": " + e.getMessage(), e);
        }
    }

    /** Deletes what {@code delete} matches and adds {@code documents} as one atomic, committed change. */
    void replace(Term delete, List<Document> documents) throws IOException {
        exclusively(searcher -> {
            writer.updateDocuments(delete, documents);
            commit();
            return null;
        });
    }

    void delete(Term term) throws IOException {
        exclusively(searcher -> {
            writer.deleteDocuments(term);
            commit();
            return null;
        });
    }

    /**
     * Runs {@code work} with no other change in between, on a searcher that sees every committed change; a
     * background rewrite uses it to check a passage is still the one it embedded before replacing it.
     */
    <T> T exclusively(SearchFunction<T> work) throws IOException {
        writes.lock();
        try {
            return withSearcher(work);
        } finally {
            writes.unlock();
        }
    }

    /** Replaces the documents of the given ids and commits; call it inside {@link #exclusively}. */
    void rewrite(List<Term> ids, List<Document> documents) throws IOException {
        for (int i = 0; i < ids.size(); i++) {
            writer.updateDocument(ids.get(i), documents.get(i));
        }
        commit();
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    <T> T withSearcher(SearchFunction<T> search) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return search.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    /** True while the index is open and a searcher can be had. */
    public boolean isReady() {
        if (!writer.isOpen()) {
            return false;
        }
        try {
            return withSearcher(searcher -> searcher.getIndexReader().numDocs() >= 0);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Passages in the index (all characters). */
    public int passageCount() {
        try {
            return withSearcher(searcher -> searcher.getIndexReader().numDocs());
        } catch (IOException e) {
            throw new RagException("cannot read the passage index: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (directory; writer; searchers) {
            // closed in reverse order: searchers, then the writer (which commits), then the directory
        } catch (IOException e) {
            throw new RagException("cannot close the passage index: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
