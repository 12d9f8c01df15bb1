package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrizzlyServerTest {

    @Test
    void shouldServeAPostFromTheJdkHttpClientWithItsDefaultHttp2UpgradeOffer() throws Exception {
        try (TestServer server = TestServer.start(Duration.ofSeconds(15));
                HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/chats")).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Upgrade angeboten\"}")).build();

            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(Sse.json(response.body()).get("title").asText()).isEqualTo("Upgrade angeboten");
        }
    }
}
