package io.llmstream.adapter.llm.ollama;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.http.HttpLlmTransport;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmStream;
import java.util.Map;
import java.util.Set;

/** {@link LlmStream} over Ollama's native {@code POST /api/chat} NDJSON stream. */
public final class OllamaLlmStream implements LlmStream, AutoCloseable {

    private final HttpLlmTransport transport;

    /** A client for one provider of kind {@link ProviderKind#OLLAMA}. */
    public OllamaLlmStream(ProviderConfig config) {
        if (config.kind() != ProviderKind.OLLAMA) {
            throw new IllegalArgumentException("provider '" + config.name() + "' is of kind " + config.kind()
                    + ", not OLLAMA");
        }
        this.transport = new HttpLlmTransport(config);
    }

    @Override
    public Set<String> providers() {
        return Set.of(transport.config().name());
    }

    @Override
    public Completion open(CompletionRequest request) {
        String model = transport.modelFor(request);
        // a key is only needed behind an authenticating proxy or on ollama.com
        Map<String, String> auth = transport.config().apiKey()
                .map(key -> Map.of("Authorization", "Bearer " + key))
                .orElse(Map.of());
        byte[] body = OllamaRequestMapper.body(model, request);
        return transport.open(model, transport.post("/api/chat", body, auth, "application/x-ndjson"),
                new OllamaEventDecoder(transport.config().name(), transport.config().maxLineBytes()));
    }

    @Override
    public void close() {
        transport.close();
    }
}
