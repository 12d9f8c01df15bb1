package io.llmstream.adapter.llm;

import static io.llmstream.adapter.llm.testing.TestProviders.API_KEY;
import static io.llmstream.adapter.llm.testing.TestProviders.config;
import static io.llmstream.adapter.llm.testing.TestProviders.drain;
import static io.llmstream.adapter.llm.testing.TestProviders.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.testing.Fixtures;
import io.llmstream.adapter.llm.testing.TestProviders;
import io.llmstream.adapter.llm.testing.WireServer;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderRegistryLlmStreamTest {

    private static CompletionRequest requestFor(String provider, String model) {
        return new CompletionRequest(Optional.ofNullable(provider), Optional.ofNullable(model),
                TestProviders.request().messages(), Map.of());
    }

    @Test
    void shouldRouteByProviderNameAndFallBackToTheDefaultProviderAndItsDefaultModel() {
        try (WireServer openAi = WireServer.start(exchange -> exchange.respond(200, "text/event-stream")
                .write(Fixtures.bytes("openai/basic.sse")).finish());
             WireServer vllm = WireServer.start(exchange -> exchange.respond(200, "text/event-stream")
                .write(Fixtures.bytes("openai/vllm-reasoning.sse")).finish());
             ProviderRegistryLlmStream registry = new ProviderRegistryLlmStream(List.of(
                     config("openai", ProviderKind.OPENAI, openAi.baseUri("/v1")),
                     config("vllm", ProviderKind.OPENAI, vllm.baseUri("/v1"))), "openai")) {

            try (LlmStream.Completion byDefault = registry.open(requestFor(null, null))) {
                assertThat(text(drain(byDefault))).startsWith("KI steht");
                assertThat(byDefault.provider()).isEqualTo("openai");
                assertThat(byDefault.model()).isEqualTo("test-model");
            }
            try (LlmStream.Completion named = registry.open(requestFor("vllm", "qwen"))) {
                assertThat(text(drain(named))).isEqualTo("2 + 2 = 4.");
                assertThat(named.provider()).isEqualTo("vllm");
                assertThat(named.model()).isEqualTo("qwen");
            }
            assertThat(registry.providers()).containsExactly("openai", "vllm", "offline");
        }
    }

    @Test
    void shouldRejectAnUnknownProviderBeforeOpeningAnythingAndNameTheConfiguredOnes() {
        try (WireServer upstream = WireServer.start(exchange -> exchange.respond(200, "text/event-stream").finish());
             ProviderRegistryLlmStream registry = new ProviderRegistryLlmStream(
                     List.of(config("openai", ProviderKind.OPENAI, upstream.baseUri("/v1"))), "openai")) {

            assertThatThrownBy(() -> registry.open(requestFor("mistral", null))).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(LlmException.Code.UNKNOWN_PROVIDER))
                    .hasMessage("unknown LLM provider 'mistral'; configured: openai, offline");
            assertThat(upstream.connections()).isZero();
        }
    }

    @Test
    void shouldServeTheOfflineProviderWhenNothingIsConfigured() {
        try (ProviderRegistryLlmStream registry = new ProviderRegistryLlmStream(List.of(), "offline")) {
            try (LlmStream.Completion completion = registry.open(requestFor(null, null))) {
                assertThat(text(drain(completion))).contains("not a language model");
                assertThat(completion.provider()).isEqualTo("offline");
            }
        }
    }

    @Test
    void shouldRefuseADefaultThatIsNotConfigured() {
        assertThatThrownBy(() -> new ProviderRegistryLlmStream(List.of(), "openai"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default LLM provider 'openai' is not configured; configured: offline");
    }

    @Test
    void shouldRefuseDuplicateAndReservedNames() {
        ProviderConfig openAi = config("openai", ProviderKind.OPENAI, URI.create("http://127.0.0.1:9/v1"));

        assertThatThrownBy(() -> new ProviderRegistryLlmStream(List.of(openAi, openAi), "openai"))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> new ProviderRegistryLlmStream(
                List.of(config("offline", ProviderKind.OPENAI, URI.create("http://127.0.0.1:9/v1"))), "offline"))
                .hasMessageContaining("reserved");
    }

    @Test
    void shouldNeverShowTheApiKeyWhenAConfigIsPrinted() {
        ProviderConfig config = config("openai", ProviderKind.OPENAI, URI.create("https://api.openai.com/v1"))
                .withHeaders(Map.of("X-Custom-Auth", "hdr-secret-value"));

        assertThat(config.toString()).doesNotContain(API_KEY).doesNotContain("hdr-secret-value")
                .contains("apiKey=***").contains("X-Custom-Auth");
    }

    @Test
    void shouldExplainWhatIsWrongWithAnInvalidConfig() {
        assertThatThrownBy(() -> ProviderConfig.of("Open AI", ProviderKind.OPENAI, URI.create("http://x/v1"),
                Optional.empty(), "m")).hasMessageContaining("provider name 'Open AI' is invalid");
        assertThatThrownBy(() -> ProviderConfig.of("openai", ProviderKind.OPENAI, URI.create("ftp://x/v1"),
                Optional.empty(), "m")).hasMessageContaining("must be an absolute http(s) URL");
        assertThatThrownBy(() -> ProviderConfig.of("openai", ProviderKind.OPENAI, URI.create("http://x/v1"),
                Optional.empty(), " ")).hasMessageContaining("defaultModel of provider 'openai' must not be blank");
    }
}
