package io.llmstream.adapter.llm.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One configured LLM provider. {@link #toString()} never shows the API key or header values.
 *
 * @param name         what requests call it ({@code openai}, {@code vllm}, ...): lower case letters, digits, {@code -}, {@code _}
 * @param kind         the wire format it speaks
 * @param baseUrl      {@code https://api.openai.com/v1}, {@code https://api.anthropic.com}, {@code http://localhost:11434}
 * @param apiKey       sent as {@code Authorization: Bearer} (OpenAI kind) or {@code x-api-key} (Anthropic kind)
 * @param defaultModel the model used when a request names none
 * @param timeouts     the time limits of each completion
 * @param retry        how failures before the first delta are retried
 * @param maxLineBytes longest line (and SSE event data) accepted from the wire
 * @param headers      extra request headers (e.g. OpenRouter's {@code HTTP-Referer}); their values are treated as secrets
 */
public record ProviderConfig(String name, ProviderKind kind, URI baseUrl, Optional<String> apiKey, String defaultModel,
        LlmTimeouts timeouts, RetryPolicy retry, int maxLineBytes, Map<String, String> headers) {

    /** 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("provider name '" + name
                    + "' is invalid: use 1-63 lower case letters, digits, '-' or '_'");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl of provider '" + name + "' must be an absolute http(s) URL, was "
                    + baseUrl);
        }
        apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(key -> !key.isBlank());
        Objects.requireNonNull(defaultModel, "defaultModel");
        if (defaultModel.isBlank()) {
            throw new IllegalArgumentException("defaultModel of provider '" + name + "' must not be blank");
        }
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes of provider '" + name + "' must be at least 1024, was "
                    + maxLineBytes);
        }
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** A provider with default timeouts, retries, line limit and no extra headers. */
    public static ProviderConfig of(String name, ProviderKind kind, URI baseUrl, Optional<String> apiKey,
            String defaultModel) {
        return new ProviderConfig(name, kind, baseUrl, apiKey, defaultModel, LlmTimeouts.DEFAULTS, RetryPolicy.DEFAULTS,
                DEFAULT_MAX_LINE_BYTES, Map.of());
    }

    public ProviderConfig withTimeouts(LlmTimeouts newTimeouts) {
        return new ProviderConfig(name, kind, baseUrl, apiKey, defaultModel, newTimeouts, retry, maxLineBytes, headers);
    }

    public ProviderConfig withRetry(RetryPolicy newRetry) {
        return new ProviderConfig(name, kind, baseUrl, apiKey, defaultModel, timeouts, newRetry, maxLineBytes, headers);
    }

    public ProviderConfig withMaxLineBytes(int newMaxLineBytes) {
        return new ProviderConfig(name, kind, baseUrl, apiKey, defaultModel, timeouts, retry, newMaxLineBytes, headers);
    }

    public ProviderConfig withHeaders(Map<String, String> newHeaders) {
        return new ProviderConfig(name, kind, baseUrl, apiKey, defaultModel, timeouts, retry, maxLineBytes, newHeaders);
    }

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey.isPresent() ? "***" : "none") + ", defaultModel=" + defaultModel + ", timeouts=" + timeouts
                + ", retry=" + retry + ", maxLineBytes=" + maxLineBytes + ", headers="
                + new TreeMap<>(headers).keySet() + "]";
    }
}
