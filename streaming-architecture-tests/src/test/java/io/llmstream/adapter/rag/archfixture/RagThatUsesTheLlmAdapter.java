package io.llmstream.adapter.rag.archfixture;

import io.llmstream.adapter.llm.archfixture.AdapterClass;

/** Deliberately breaks the rules: one adapter depending on another. */
public class RagThatUsesTheLlmAdapter {
    public Object use() {
        return new AdapterClass();
    }
}
