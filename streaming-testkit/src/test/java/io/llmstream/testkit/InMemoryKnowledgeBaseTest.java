package io.llmstream.testkit;

import io.llmstream.testkit.contract.KnowledgeBaseContract;

class InMemoryKnowledgeBaseTest extends KnowledgeBaseContract {

    @Override
    protected KnowledgeBase emptyKnowledgeBase() {
        InMemoryKnowledgeBase kb = new InMemoryKnowledgeBase();
        return new KnowledgeBase(kb, kb);
    }
}
