package io.llmstream.adapter.llm.anthropic;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.http.HttpProviderStream;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@link LlmStream} over the Anthropic Messages API ({@code POST /v1/messages}, SSE). */
public final class AnthropicLlmStream extends HttpProviderStream {

    /** The API version sent unless the configured headers set {@code anthropic-version}. */
    public static final String API_VERSION = "2023-06-01";

    /** A client for one provider of kind {@link ProviderKind#ANTHROPIC}. */
    public AnthropicLlmStream(ProviderConfig config) {
        super(config, ProviderKind.ANTHROPIC);
    }

    @Override
    public Completion open(CompletionRequest request) {
        String model = transport.modelFor(request);
        Map<String, String> headers = new HashMap<>();
        transport.config().apiKey().ifPresent(key -> headers.put("x-api-key", key));
        boolean versionConfigured = transport.config().headers().keySet().stream()
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).equals("anthropic-version"));
        if (!versionConfigured) {
            headers.put("anthropic-version", API_VERSION);
        }
        byte[] body = AnthropicRequestMapper.body(model, request);
        return transport.open(model, transport.post("/v1/messages", body, headers, "text/event-stream"),
                new AnthropicEventDecoder(transport.config().name(), transport.config().maxLineBytes()));
    }
}
