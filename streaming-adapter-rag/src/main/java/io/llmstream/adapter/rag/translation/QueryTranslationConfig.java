package io.llmstream.adapter.rag.translation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How questions are translated into the other languages of a knowledge base.
 *
 * @param timeout   the whole completion's; after it retrieval goes on with the original question
 * @param cacheSize translated questions kept (least recently used dropped first)
 * @param provider  the LLM provider to ask; empty = the configured default
 * @param model     the model to ask; empty = the provider's default
 */
public record QueryTranslationConfig(Duration timeout, int cacheSize, Optional<String> provider,
        Optional<String> model) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_CACHE_SIZE = 1000;

    public QueryTranslationConfig {
        Objects.requireNonNull(timeout, "translation timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("translation timeout must be positive, was " + timeout);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("translation cacheSize must not be negative, was " + cacheSize);
        }
        Objects.requireNonNull(provider, "translation provider");
        Objects.requireNonNull(model, "translation model");
    }

    public static QueryTranslationConfig defaults() {
        return new QueryTranslationConfig(DEFAULT_TIMEOUT, DEFAULT_CACHE_SIZE, Optional.empty(), Optional.empty());
    }

    public QueryTranslationConfig withTimeout(Duration value) {
        return new QueryTranslationConfig(value, cacheSize, provider, model);
    }

    /** Asks this provider and model (each empty = the configured default). */
    public QueryTranslationConfig withLlm(Optional<String> llmProvider, Optional<String> llmModel) {
        return new QueryTranslationConfig(timeout, cacheSize, llmProvider, llmModel);
    }
}
