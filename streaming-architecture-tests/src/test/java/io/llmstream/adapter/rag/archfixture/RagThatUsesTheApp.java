package io.llmstream.adapter.rag.archfixture;

import io.llmstream.app.archfixture.AppClass;

/** Deliberately breaks the rules: an adapter depending on the composition root. */
public class RagThatUsesTheApp {
    public Object use() {
        return new AppClass();
    }
}
