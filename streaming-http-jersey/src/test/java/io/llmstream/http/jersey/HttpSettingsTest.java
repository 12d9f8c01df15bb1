package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void shouldNormaliseTheBasePath() {
        assertThat(HttpSettings.defaults().basePath()).isEqualTo("/api");
        assertThat(HttpSettings.defaults().withBasePath("api/").basePath()).isEqualTo("/api");
        assertThat(HttpSettings.defaults().withBasePath("/v1/llm//").basePath()).isEqualTo("/v1/llm");
        assertThat(HttpSettings.defaults().withBasePath("/").basePath()).isEmpty();
    }

    @Test
    void shouldRefuseValuesThatCannotWorkNamingTheSetting() {
        assertThatThrownBy(() -> HttpSettings.defaults().withBasePath("/a b")).hasMessageStartingWith("basePath");
        assertThatThrownBy(() -> HttpSettings.defaults().withHeartbeatInterval(Duration.ZERO))
                .hasMessageStartingWith("heartbeatInterval");
        assertThatThrownBy(() -> HttpSettings.defaults().withLimits(0, 1, 1)).hasMessageStartingWith("maxBodyBytes");
        assertThatThrownBy(() -> HttpSettings.defaults().withLimits(1, 0, 1)).hasMessageStartingWith("maxUploadBytes");
        assertThatThrownBy(() -> HttpSettings.defaults().withLimits(1, 1, 0)).hasMessageStartingWith("maxMessageLength");
    }

    @Test
    void shouldServeTheApiAtTheRootWhenTheBasePathIsEmpty() {
        try (TestServer server = new TestServer(HttpSettings.defaults().withBasePath("/"), b -> b)) {
            assertThat(server.get("/v1/characters").statusCode()).isEqualTo(200);
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/v1/characters").statusCode()).isEqualTo(404);
        }
    }
}
