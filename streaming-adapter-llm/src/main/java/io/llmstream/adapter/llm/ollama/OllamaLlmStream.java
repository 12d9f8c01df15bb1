package io.llmstream.adapter.llm.ollama;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.http.HttpProviderStream;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmStream;
import java.util.Map;

/** {@link LlmStream} over Ollama's native {@code POST /api/chat} NDJSON stream. */
public final class OllamaLlmStream extends HttpProviderStream {

    /** A client for one provider of kind {@link ProviderKind#OLLAMA}. */
    public OllamaLlmStream(ProviderConfig config) {
        super(config, ProviderKind.OLLAMA);
    }

    @Override
    public Completion open(CompletionRequest request) {
        String model = transport.modelFor(request);
        // a key is only needed behind an authenticating proxy or on ollama.com
        Map<String, String> auth = bearerAuth();
        byte[] body = OllamaRequestMapper.body(model, request);
        return transport.open(model, transport.post("/api/chat", body, auth, "application/x-ndjson"),
                new OllamaEventDecoder(transport.config().name(), transport.config().maxLineBytes()));
    }
}
