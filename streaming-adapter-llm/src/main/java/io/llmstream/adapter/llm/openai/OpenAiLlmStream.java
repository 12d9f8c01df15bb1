package io.llmstream.adapter.llm.openai;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.http.HttpLlmTransport;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmStream;
import java.util.Map;
import java.util.Set;

/** {@link LlmStream} over the OpenAI-compatible {@code POST /chat/completions} SSE stream. */
public final class OpenAiLlmStream implements LlmStream, AutoCloseable {

    private final HttpLlmTransport transport;

    /** A client for one provider of kind {@link ProviderKind#OPENAI}. */
    public OpenAiLlmStream(ProviderConfig config) {
        if (config.kind() != ProviderKind.OPENAI) {
            throw new IllegalArgumentException("provider '" + config.name() + "' is of kind " + config.kind()
                    + ", not OPENAI");
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
        Map<String, String> auth = transport.config().apiKey()
                .map(key -> Map.of("Authorization", "Bearer " + key))
                .orElse(Map.of());
        byte[] body = OpenAiRequestMapper.body(model, request);
        return transport.open(model, transport.post("/chat/completions", body, auth, "text/event-stream"),
                new OpenAiEventDecoder(transport.config().name(), transport.config().maxLineBytes()));
    }

    @Override
    public void close() {
        transport.close();
    }
}
