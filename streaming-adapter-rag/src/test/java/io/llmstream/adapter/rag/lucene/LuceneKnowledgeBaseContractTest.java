package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.testkit.contract.KnowledgeBaseContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The port contract, run against the Lucene knowledge base with each strategy (and the real in-process model). */
class LuceneKnowledgeBaseContractTest {

    @Nested
    class SingleStage extends LuceneContract {
    }

    @Nested
    class TwoStage extends LuceneContract {
        @Override
        protected SearchStrategy strategy() {
            return SearchStrategy.TWO_STAGE;
        }
    }

    abstract static class LuceneContract extends KnowledgeBaseContract {

        private LuceneRetrieval base;

        @Override
        protected Subject emptyKnowledgeBase() {
            base = LuceneRetrieval.open(RetrievalConfig.inMemory());
            return new Subject(base.retriever(), base.knowledgeBase());
        }

        @AfterEach
        void closeBase() {
            base.close();
        }
    }
}
