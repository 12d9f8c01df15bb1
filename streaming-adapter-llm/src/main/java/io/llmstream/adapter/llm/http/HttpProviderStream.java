package io.llmstream.adapter.llm.http;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.core.port.LlmStream;
import java.util.Map;
import java.util.Set;

/**
 * What every HTTP provider's {@link LlmStream} shares: one configured provider of one kind, served by its own
 * {@link HttpLlmTransport}; a provider adds only how it builds a request and decodes the answer ({@link #open}).
 */
public abstract class HttpProviderStream implements LlmStream, AutoCloseable {

    /** The transport of this provider: its client, headers, timeouts, retries and redaction. */
    protected final HttpLlmTransport transport;

    /** @throws IllegalArgumentException when {@code config} is of another kind than {@code kind} */
    protected HttpProviderStream(ProviderConfig config, ProviderKind kind) {
        if (config.kind() != kind) {
            throw new IllegalArgumentException("provider '" + config.name() + "' is of kind " + config.kind()
                    + ", not " + kind);
        }
        this.transport = new HttpLlmTransport(config);
    }

    @Override
    public final Set<String> providers() {
        return Set.of(transport.config().name());
    }

    /** {@code Authorization: Bearer <key>} when an API key is configured, else no header. */
    protected final Map<String, String> bearerAuth() {
        return transport.config().apiKey().map(key -> Map.of("Authorization", "Bearer " + key)).orElse(Map.of());
    }

    /** Drops the provider's connections; running completions fail. */
    @Override
    public final void close() {
        transport.close();
    }
}
