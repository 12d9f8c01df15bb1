package io.llmstream.adapter.rag.archfixture;

import io.llmstream.testkit.InMemoryStore;

/** Deliberately breaks the rules: production code depending on the testkit. */
public class RagThatUsesTheTestkit {
    public Object use() {
        return new InMemoryStore();
    }
}
