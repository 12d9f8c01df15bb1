package io.llmstream.core.archfixture;

import org.assertj.core.api.Assertions;

/** Deliberately breaks the rules: the core using a library. Used only to prove the rules fail. */
public class CoreThatUsesAFramework {
    public void use() {
        Assertions.assertThat(1).isPositive();
    }
}
