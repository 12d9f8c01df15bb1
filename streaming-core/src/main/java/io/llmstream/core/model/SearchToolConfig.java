package io.llmstream.core.model;

/**
 * Asks for a conversation answer grounded in the character's knowledge base.
 *
 * @param strategy {@link SearchStrategy#SINGLE_STAGE} (default) or {@link SearchStrategy#TWO_STAGE}
 * @param topK     how many passages to keep, {@value #MIN_TOP_K}..{@value #MAX_TOP_K}, default {@value #DEFAULT_TOP_K}
 */
public record SearchToolConfig(SearchStrategy strategy, int topK) {

    public static final int DEFAULT_TOP_K = 4;
    public static final int MIN_TOP_K = 1;
    public static final int MAX_TOP_K = 50;

    public SearchToolConfig {
        Checks.required(strategy, "search_tool_config.strategy");
        if (topK < MIN_TOP_K || topK > MAX_TOP_K) {
            throw new IllegalArgumentException(
                    "search_tool_config.top_k must be within " + MIN_TOP_K + ".." + MAX_TOP_K + ", was " + topK);
        }
    }

    public static SearchToolConfig defaults() {
        return new SearchToolConfig(SearchStrategy.SINGLE_STAGE, DEFAULT_TOP_K);
    }

    /** How many candidates the first stage fetches: {@code topK} for single stage, {@code 2 * topK} for two stages. */
    public int candidateCount() {
        return strategy == SearchStrategy.TWO_STAGE ? topK * 2 : topK;
    }
}
