package io.llmstream.adapter.llm.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpLlmTransportTest {

    private static HttpLlmTransport transport(String baseUrl) {
        return new HttpLlmTransport(ProviderConfig.of("gateway", ProviderKind.OPENAI, URI.create(baseUrl),
                Optional.empty(), "model"));
    }

    @Test
    void shouldRunThePlainHttpClientOnItsSelectorThread() {
        try (HttpLlmTransport plain = transport("http://127.0.0.1:4000/v1")) {
            assertThat(plain.client().executor()).as("a caller-supplied (direct) executor").isPresent();
        }
    }

    @Test
    void shouldKeepTheJdkWorkerPoolForTls() {
        try (HttpLlmTransport tls = transport("https://api.openai.com/v1")) {
            assertThat(tls.client().executor()).as("the JDK's default pool").isEmpty();
        }
    }

    @Test
    void shouldStopItsTimeoutChecksWhenClosed() {
        HttpLlmTransport transport = transport("http://127.0.0.1:4000/v1");
        assertThat(transport.timeouts().isShutdown()).isFalse();

        transport.close();

        assertThat(transport.timeouts().isShutdown()).as("no timer thread outlives its provider").isTrue();
    }
}
