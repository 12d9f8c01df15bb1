package io.llmstream.core.model;

import java.util.Locale;

/** How the knowledge base is searched: one BM25 stage, or BM25 candidates re-scored by a model. */
public enum SearchStrategy {
    SINGLE_STAGE, TWO_STAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchStrategy fromWire(String value) {
        for (SearchStrategy strategy : values()) {
            if (strategy.wireName().equals(value)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown search strategy '" + value + "', allowed: single_stage, two_stage");
    }
}
