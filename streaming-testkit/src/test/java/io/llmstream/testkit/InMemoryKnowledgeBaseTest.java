package io.llmstream.testkit;

import io.llmstream.testkit.contract.KnowledgeBaseContract;

class InMemoryKnowledgeBaseTest extends KnowledgeBaseContract {

    @Override
    protected Subject emptyKnowledgeBase() {
        InMemoryKnowledgeBase kb = new InMemoryKnowledgeBase();
        return new Subject(kb, kb);
    }
}
