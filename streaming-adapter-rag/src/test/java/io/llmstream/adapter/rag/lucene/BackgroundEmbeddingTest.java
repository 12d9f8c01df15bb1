package io.llmstream.adapter.rag.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.HashingEmbedder;
import io.llmstream.adapter.rag.ingest.Chunker;
import io.llmstream.adapter.rag.ingest.DocumentParser;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    void shouldGiveEveryPassageAVectorOfTheNewModel() throws Exception {
        try (PassageIndex index = PassageIndex.open(Optional.empty())) {
            ingest(index, Optional.of(new HashingEmbedder()));

            BackgroundEmbedding embedding = new BackgroundEmbedding(index, NEW_MODEL);
            embedding.await();

            int ofNewModel = index.withSearcher(searcher -> searcher.count(
                    new TermQuery(new Term(ChunkFields.EMBEDDING_MODEL, NEW_MODEL.modelId()))));
            assertThat(ofNewModel).isEqualTo(index.passageCount()).isEqualTo(3);
            assertThat(embedding.progress()).isEqualTo(new BackgroundEmbedding.Progress(3, 0, false));
        }
    }

    @Test
    void shouldAnswerTwoStageQuestionsByBm25FromAnIndexWithoutVectors() {
        try (PassageIndex index = PassageIndex.open(Optional.empty())) {
            ingest(index, Optional.empty());

            List<Citation> citations = new LuceneContextRetriever(index, new HashingEmbedder()).retrieve(
                    new RetrievalQuery(TestDocuments.OWNER, CHARACTER, "when do owls hunt",
                            new SearchToolConfig(SearchStrategy.TWO_STAGE, 1)));

            assertThat(citations).singleElement().extracting(Citation::content).isEqualTo("Owls hunt at night.");
        }
    }

    @Test
    void shouldFindAPassageByItsVectorAloneWhenItSharesNoWordWithTheQuestion() {
        try (PassageIndex index = PassageIndex.open(Optional.empty())) {
            ingest(index, Optional.of(new HashingEmbedder()));
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

    private static void ingest(PassageIndex index, Optional<Embedder> embedder) {
        LuceneKnowledgeBase knowledge = new LuceneKnowledgeBase(index, new DocumentParser(1 << 20),
                new Chunker(800, 100), embedder);
        knowledge.index(TestDocuments.text(CHARACTER, "owls.txt", "Owls hunt at night."));
        knowledge.index(TestDocuments.text(CHARACTER, "bread.txt", "Bread is baked at dawn."));
        knowledge.index(TestDocuments.text(CHARACTER, "tide.txt", "The tide turns twice a day."));
    }
}
