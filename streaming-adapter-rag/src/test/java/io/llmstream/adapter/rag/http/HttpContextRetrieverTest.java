package io.llmstream.adapter.rag.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import io.llmstream.core.port.RetrievalException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpContextRetrieverTest {

    private static final RetrievalQuery QUERY = new RetrievalQuery("alice", UUID.randomUUID(), "Was ist KI?",
            new SearchToolConfig(SearchStrategy.TWO_STAGE, 2));

    private final AtomicReference<String> requestBody = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldPostTheQueryAndReturnTheBestTopKCitations() {
        serve(200, """
                {"citations":[
                 {"id":"d1:0","content":"low","score":0.2,"metadata":{"documentId":"d1","chunkIndex":0}},
                 {"id":"d1:1","content":"high","score":1.7,"metadata":{"documentId":"d1","chunkIndex":1}},
                 {"id":"d2:0","content":"mid","score":0.5,"metadata":{"documentId":"d2","chunkIndex":0}}]}
                """, Duration.ZERO);

        List<Citation> citations = retriever(Duration.ofSeconds(2)).retrieve(QUERY);

        assertThat(citations).containsExactly(new Citation("d1:1", "high", 1.0, "d1", 1),
                new Citation("d2:0", "mid", 0.5, "d2", 0).withFirstStageRank(2));
        assertThat(requestBody.get()).contains("\"query\":\"Was ist KI?\"").contains("\"strategy\":\"two_stage\"")
                .contains("\"topK\":2").contains(QUERY.characterId().toString());
        assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    }

    @Test
    void shouldFailWhenTheServiceAnswersAnError() {
        serve(503, "{}", Duration.ZERO);

        assertThatThrownBy(() -> retriever(Duration.ofSeconds(2)).retrieve(QUERY))
                .isInstanceOf(RetrievalException.class).hasMessageContaining("503");
    }

    @Test
    void shouldFailWhenTheAnswerIsMalformed() {
        serve(200, "{\"citations\":[{\"id\":\"x\"}]}", Duration.ZERO);

        assertThatThrownBy(() -> retriever(Duration.ofSeconds(2)).retrieve(QUERY))
                .isInstanceOf(RetrievalException.class).hasMessageContaining("content");
    }

    @Test
    void shouldFailWhenTheServiceIsTooSlow() {
        serve(200, "[]", Duration.ofSeconds(2));

        assertThatThrownBy(() -> retriever(Duration.ofMillis(200)).retrieve(QUERY))
                .isInstanceOf(RetrievalException.class).hasMessageContaining("timed out");
    }

    private HttpContextRetriever retriever(Duration requestTimeout) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/search");
        return new HttpContextRetriever(new HttpRetrieverConfig(endpoint, Optional.of("s3cret"),
                Duration.ofSeconds(1), requestTimeout));
    }

    private void serve(int status, String body, Duration delay) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/search", exchange -> {
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }
}
