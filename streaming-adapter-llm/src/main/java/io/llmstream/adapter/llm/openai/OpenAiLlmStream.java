package io.llmstream.adapter.llm.openai;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.http.HttpProviderStream;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmStream;
import java.util.Map;

/** {@link LlmStream} over the OpenAI-compatible {@code POST /chat/completions} SSE stream. */
public final class OpenAiLlmStream extends HttpProviderStream {

    /** A client for one provider of kind {@link ProviderKind#OPENAI}. */
    public OpenAiLlmStream(ProviderConfig config) {
        super(config, ProviderKind.OPENAI);
    }

    @Override
    public Completion open(CompletionRequest request) {
        String model = transport.modelFor(request);
        Map<String, String> auth = bearerAuth();
        byte[] body = OpenAiRequestMapper.body(model, request);
        return transport.open(model, transport.post("/chat/completions", body, auth, "text/event-stream"),
                new OpenAiEventDecoder(transport.config().name(), transport.config().maxLineBytes()));
    }
}
