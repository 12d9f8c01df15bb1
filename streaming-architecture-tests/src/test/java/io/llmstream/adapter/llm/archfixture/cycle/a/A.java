package io.llmstream.adapter.llm.archfixture.cycle.a;

import io.llmstream.adapter.llm.archfixture.cycle.b.B;

/** Deliberately part of a package cycle with {@link B}. */
public class A {
    public B partner() {
        return new B();
    }
}
