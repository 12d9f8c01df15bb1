package io.llmstream.adapter.rag.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleEmbedderTest {

    private final AtomicReference<String> request = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldSendAllInputsAndOrderVectorsByIndex() {
        serve(200, """
                {"object":"list","data":[
                  {"object":"embedding","index":1,"embedding":[0.0,1.0]},
                  {"object":"embedding","index":0,"embedding":[1.0,0.5]}],"model":"m"}
                """);

        List<float[]> vectors = embedder().embedAll(List.of("first", "second"));

        assertThat(vectors).containsExactly(new float[] {1.0f, 0.5f}, new float[] {0.0f, 1.0f});
        assertThat(request.get()).isEqualTo("{\"model\":\"nomic-embed\",\"input\":[\"first\",\"second\"]}");
    }

    @Test
    void shouldFailOnHttpErrorsAndMissingVectors() {
        serve(200, "{\"data\":[{\"index\":0,\"embedding\":[1.0]}]}");

        assertThatThrownBy(() -> embedder().embedAll(List.of("a", "b")))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("1 embeddings for 2 inputs");
    }

    @Test
    void shouldFailWhenTheServiceAnswersAnError() {
        serve(401, "{\"error\":\"bad key\"}");

        assertThatThrownBy(() -> embedder().embed("a")).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("401");
    }

    private OpenAiCompatibleEmbedder embedder() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new OpenAiCompatibleEmbedder(new EmbeddingConfig.OpenAiCompatible(base, "nomic-embed",
                Optional.empty(), Duration.ofSeconds(2)));
    }

    private void serve(int status, String body) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/embeddings", exchange -> {
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }
}
