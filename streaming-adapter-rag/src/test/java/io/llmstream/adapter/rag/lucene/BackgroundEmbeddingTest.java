package io.llmstream.adapter.rag.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.HashingEmbedder;
import io.llmstream.adapter.rag.ingest.Chunker;
import io.llmstream.adapter.rag.ingest.DocumentParser;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

class BackgroundEmbeddingTest {

    private static final UUID CHARACTER = UUID.randomUUID();
    private static final Embedder NEW_MODEL = new Embedder() {
        private final HashingEmbedder hashing = new HashingEmbedder();

        @Override
        public String modelId() {
            return "hashing-64-v2";
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return hashing.embedAll(texts);
        }
    };

    @Test
    void shouldReturnFromIndexingBeforeThePassagesAreEmbeddedAndAnswerByBm25Meanwhile() throws Exception {
        GatedEmbedder gated = new GatedEmbedder();
        try (LuceneRetrieval base = LuceneRetrieval.open(RetrievalConfig.inMemory(), gated)) {
            int passages = base.knowledgeBase().index(TestDocuments.text(CHARACTER, "owls.txt", "Owls hunt at night."));
            assertThat(gated.firstCallStarted.await(10, TimeUnit.SECONDS)).as("the background embedding started").isTrue();

            assertThat(passages).isEqualTo(1);
            assertThat(base.embeddingProgress()).isEqualTo(new BackgroundEmbedding.Progress(0, 1, true));
            assertThat(ask(base, "when do owls hunt")).singleElement().extracting(Citation::content)
                    .isEqualTo("Owls hunt at night.");

            gated.release.countDown();
            base.awaitEmbedding();

            assertThat(base.embeddingProgress()).isEqualTo(new BackgroundEmbedding.Progress(1, 0, false));
        }
    }

    @Test
    void shouldEmbedAReingestedDocumentsNewPassagesInTheBackground() throws Exception {
        try (LuceneRetrieval base = LuceneRetrieval.open(RetrievalConfig.inMemory(), new HashingEmbedder())) {
            UUID id = UUID.randomUUID();
            base.knowledgeBase().index(document(id, "Owls hunt at night."));
            base.awaitEmbedding();

            int passages = base.knowledgeBase().index(document(id, "Owls hunt at dusk and sleep by day."));
            base.awaitEmbedding();

            assertThat(base.embeddingProgress()).isEqualTo(new BackgroundEmbedding.Progress(1 + passages, 0, false));
            assertThat(ask(base, "when do owls sleep")).singleElement().extracting(Citation::content)
                    .isEqualTo("Owls hunt at dusk and sleep by day.");
        }
    }

    @Test
    void shouldGiveEveryPassageAVectorOfTheNewModel() throws Exception {
        try (PassageIndex index = PassageIndex.open(Optional.empty())) {
            ingest(index);
            embedWith(index, new HashingEmbedder());

            try (BackgroundEmbedding embedding = new BackgroundEmbedding(index, NEW_MODEL)) {
                embedding.awaitIdle();

                int ofNewModel = index.withSearcher(searcher -> searcher.count(
                        new TermQuery(new Term(ChunkFields.EMBEDDING_MODEL, NEW_MODEL.modelId()))));
                assertThat(ofNewModel).isEqualTo(index.passageCount()).isEqualTo(3);
                assertThat(embedding.progress()).isEqualTo(new BackgroundEmbedding.Progress(3, 0, false));
            }
        }
    }

    @Test
    void shouldAnswerTwoStageQuestionsByBm25FromAnIndexWithoutVectors() {
        try (PassageIndex index = PassageIndex.open(Optional.empty())) {
            ingest(index);

            List<Citation> citations = new LuceneContextRetriever(index, new HashingEmbedder()).retrieve(
                    new RetrievalQuery(TestDocuments.OWNER, CHARACTER, "when do owls hunt",
                            new SearchToolConfig(SearchStrategy.TWO_STAGE, 1)));

            assertThat(citations).singleElement().extracting(Citation::content).isEqualTo("Owls hunt at night.");
        }
    }

    @Test
    void shouldFindAPassageByItsVectorAloneWhenItSharesNoWordWithTheQuestion() throws Exception {
        try (PassageIndex index = PassageIndex.open(Optional.empty())) {
            ingest(index);
            embedWith(index, new HashingEmbedder());
            // a "model" that maps every text to the same direction as the bread passage: only the vector stage sees it
            Embedder breadLike = new Embedder() {
                @Override
                public String modelId() {
                    return "hashing-64";
                }

                @Override
                public List<float[]> embedAll(List<String> texts) {
                    return new HashingEmbedder().embedAll(texts.stream().map(t -> "Bread is baked at dawn.").toList());
                }
            };

            List<Citation> twoStage = new LuceneContextRetriever(index, breadLike).retrieve(new RetrievalQuery(
                    TestDocuments.OWNER, CHARACTER, "zzz qqq", new SearchToolConfig(SearchStrategy.TWO_STAGE, 1)));
            List<Citation> singleStage = new LuceneContextRetriever(index, breadLike).retrieve(new RetrievalQuery(
                    TestDocuments.OWNER, CHARACTER, "zzz qqq", new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 1)));

            assertThat(twoStage).singleElement().extracting(Citation::content).isEqualTo("Bread is baked at dawn.");
            assertThat(singleStage).isEmpty();
        }
    }

    private static List<Citation> ask(LuceneRetrieval base, String question) {
        return base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER, CHARACTER, question,
                new SearchToolConfig(SearchStrategy.TWO_STAGE, 1)));
    }

    private static DocumentContent document(UUID id, String text) {
        return TestDocuments.of(id, CHARACTER, "owls.txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Three documents of one passage each, written without vectors. */
    private static void ingest(PassageIndex index) {
        LuceneKnowledgeBase knowledge = new LuceneKnowledgeBase(index, new DocumentParser(1 << 20),
                new Chunker(800, 100), Optional.empty());
        knowledge.index(TestDocuments.text(CHARACTER, "owls.txt", "Owls hunt at night."));
        knowledge.index(TestDocuments.text(CHARACTER, "bread.txt", "Bread is baked at dawn."));
        knowledge.index(TestDocuments.text(CHARACTER, "tide.txt", "The tide turns twice a day."));
    }

    private static void embedWith(PassageIndex index, Embedder embedder) throws InterruptedException {
        try (BackgroundEmbedding embedding = new BackgroundEmbedding(index, embedder)) {
            embedding.awaitIdle();
        }
    }

    /** The hashing model, whose first call (the background's first batch) waits until the test releases it. */
    private static final class GatedEmbedder implements Embedder {
        final CountDownLatch firstCallStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger calls = new AtomicInteger();
        private final HashingEmbedder hashing = new HashingEmbedder();

        @Override
        public String modelId() {
            return hashing.modelId();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            if (calls.getAndIncrement() == 0) {
                firstCallStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return hashing.embedAll(texts);
        }
    }
}
