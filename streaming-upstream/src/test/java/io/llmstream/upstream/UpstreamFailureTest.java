package io.llmstream.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.llmstream.upstream.UpstreamFailure.NoResponse.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {

    @Test
    void shouldClassifyAConnectTimeoutApartFromTheRequestTimeoutItSpecialises() {
        assertThat(kindOf(new HttpConnectTimeoutException("connect timed out"))).isEqualTo(Kind.CONNECT_TIMEOUT);
        assertThat(kindOf(new HttpTimeoutException("request timed out"))).isEqualTo(Kind.RESPONSE_TIMEOUT);
    }

    @Test
    void shouldClassifyARefusedConnectionAsUnreachableAndAnyOtherFailureAsBroken() {
        assertThat(kindOf(new ConnectException())).isEqualTo(Kind.UNREACHABLE);
        assertThat(kindOf(new IOException("connection reset"))).isEqualTo(Kind.BROKEN);
    }

    @Test
    void shouldRetryEveryFailureThatCameBeforeAResponse() {
        assertThat(UpstreamFailure.of(new HttpConnectTimeoutException("t")).retryable()).isTrue();
        assertThat(UpstreamFailure.of(new HttpTimeoutException("t")).retryable()).isTrue();
        assertThat(UpstreamFailure.of(new ConnectException()).retryable()).isTrue();
        assertThat(UpstreamFailure.of(new IOException("reset")).retryable()).isTrue();
    }

    @Test
    void shouldRetryOnlyATimedOutRequestARateLimitAndServerErrors() {
        assertThat(IntStream.of(408, 429, 500, 502, 503, 599).mapToObj(this::status))
                .allMatch(UpstreamFailure::retryable);
        assertThat(IntStream.of(301, 400, 401, 403, 404, 422).mapToObj(this::status))
                .noneMatch(UpstreamFailure::retryable);
    }

    @Test
    void shouldTellARateLimitAndRefusedCredentialsFromOtherStatuses() {
        assertThat(status(429).rateLimited()).isTrue();
        assertThat(status(503).rateLimited()).isFalse();
        assertThat(status(401).credentialsRefused()).isTrue();
        assertThat(status(403).credentialsRefused()).isTrue();
        assertThat(status(404).credentialsRefused()).isFalse();
    }

    @Test
    void shouldRefuseASuccessStatusAsAFailure() {
        assertThatThrownBy(() -> status(200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 2xx").hasMessageContaining("200");
    }

    @Test
    void shouldReadTheGistOfAnErrorBodyAndTheRetryAfterHeader() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(429, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            UpstreamFailure.ErrorStatus status = UpstreamFailure.ErrorStatus.read(response);

            assertThat(status).isEqualTo(new UpstreamFailure.ErrorStatus(429, "slow down (rate_limit)", Optional.of("7")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldDescribeACauseByItsTypeWhenItHasNoMessage() {
        assertThat(UpstreamFailure.describe(new ConnectException())).isEqualTo("ConnectException");
        assertThat(UpstreamFailure.describe(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
    }

    private static Kind kindOf(Throwable cause) {
        return ((UpstreamFailure.NoResponse) UpstreamFailure.of(cause)).kind();
    }

    private UpstreamFailure.ErrorStatus status(int status) {
        return new UpstreamFailure.ErrorStatus(status, "(empty body)", Optional.empty());
    }
}
