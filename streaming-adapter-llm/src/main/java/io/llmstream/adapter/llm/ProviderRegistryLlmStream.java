package io.llmstream.adapter.llm;

import io.llmstream.adapter.llm.anthropic.AnthropicLlmStream;
import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.offline.OfflineLlmStream;
import io.llmstream.adapter.llm.ollama.OllamaLlmStream;
import io.llmstream.adapter.llm.openai.OpenAiLlmStream;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import io.llmstream.upstream.ProviderRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link LlmStream} the application wires: routes each request by provider name to that
 * provider's client, the default provider when the request names none. The provider
 * {@value OfflineLlmStream#NAME} is always there, so it can be the default when nothing is configured.
 * An unknown provider fails in {@link #open} before anything is sent. {@link #close()} drops every
 * provider's connections.
 */
public final class ProviderRegistryLlmStream implements LlmStream, AutoCloseable {

    private final ProviderRegistry<LlmStream> clients;
    private final String defaultProvider;

    /**
     * @param providers       the configured providers, names unique and not {@value OfflineLlmStream#NAME}
     * @param defaultProvider one of their names, or {@value OfflineLlmStream#NAME}
     * @throws IllegalArgumentException for a duplicate or reserved name or an unknown default
     */
    public ProviderRegistryLlmStream(List<ProviderConfig> providers, String defaultProvider) {
        this.clients = clientsFor(providers);
        this.defaultProvider = Objects.requireNonNull(defaultProvider, "defaultProvider");
        if (clients.find(defaultProvider).isEmpty()) {
            close();
            throw new IllegalArgumentException("default LLM provider '" + defaultProvider
                    + "' is not configured; configured: " + String.join(", ", clients.names()));
        }
    }

    /** The provider used when a request names none. */
    public String defaultProvider() {
        return defaultProvider;
    }

    @Override
    public Set<String> providers() {
        return clients.names();
    }

    @Override
    public Completion open(CompletionRequest request) {
        String name = request.provider().orElse(defaultProvider);
        LlmStream client = clients.find(name).orElseThrow(
                () -> new LlmException(LlmException.Code.UNKNOWN_PROVIDER, clients.unknown(name)));
        return client.open(new CompletionRequest(Optional.of(name), request.model(), request.messages(),
                request.parameters()));
    }

    @Override
    public void close() {
        clients.close();
    }

    private static ProviderRegistry<LlmStream> clientsFor(List<ProviderConfig> providers) {
        ProviderRegistry.Builder<LlmStream> clients = ProviderRegistry.builder("LLM provider");
        for (ProviderConfig config : List.copyOf(providers)) {
            if (config.name().equals(OfflineLlmStream.NAME)) {
                throw new IllegalArgumentException("provider name '" + OfflineLlmStream.NAME
                        + "' is reserved for the built-in offline provider");
            }
            clients.add(config.name(), switch (config.kind()) {
                case OPENAI -> new OpenAiLlmStream(config);
                case ANTHROPIC -> new AnthropicLlmStream(config);
                case OLLAMA -> new OllamaLlmStream(config);
            });
        }
        return clients.add(OfflineLlmStream.NAME, new OfflineLlmStream()).build();
    }
}
