package io.llmstream.core.archfixture;

import io.llmstream.adapter.llm.archfixture.AdapterClass;

/** Deliberately breaks the rules: the core reaching into an adapter. Used only to prove the rules fail. */
public class CoreThatUsesAnAdapter {
    public Object use() {
        return new AdapterClass();
    }
}
