package io.llmstream.adapter.llm.archfixture.cycle.b;

import io.llmstream.adapter.llm.archfixture.cycle.a.A;

/** Deliberately part of a package cycle with {@link A}. */
public class B {
    public A partner() {
        return new A();
    }
}
