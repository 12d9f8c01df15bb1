package io.llmstream.adapter.rag.archfixture;

import io.llmstream.core.internal.SentenceSplitter;

/** Deliberately breaks the rules: an adapter reaching into the core's internal helpers. */
public class RagThatUsesCoreInternals {
    public Object use() {
        return new SentenceSplitter(200);
    }
}
