package io.llmstream.adapter.llm.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.upstream.UpstreamFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureMapperTest {

    private final FailureMapper mapper = new FailureMapper("openai", URI.create("http://127.0.0.1:9/v1/chat/completions"),
            Duration.ofSeconds(10));

    @Test
    void shouldNameTheConnectTimeoutAndTheUrlThatDidNotAccept() {
        LlmException e = mapper.map(UpstreamFailure.of(new HttpConnectTimeoutException("timed out")));

        assertThat(e.code()).isEqualTo(Code.TIMEOUT);
        assertThat(e).hasMessage("connect timeout of 10 s fired: openai at http://127.0.0.1:9/v1/chat/completions"
                + " did not accept the connection");
    }

    @Test
    void shouldReportARefusedConnectionAsConnectFailed() {
        LlmException e = mapper.map(UpstreamFailure.of(new ConnectException()));

        assertThat(e.code()).isEqualTo(Code.CONNECT_FAILED);
        assertThat(e).hasMessage("cannot connect to openai at http://127.0.0.1:9/v1/chat/completions: ConnectException");
    }

    @Test
    void shouldReportAnyOtherFailureBeforeAResponseAsConnectFailed() {
        assertThat(mapper.map(UpstreamFailure.of(new IOException("connection reset"))))
                .hasMessage("no response from openai at http://127.0.0.1:9/v1/chat/completions: connection reset")
                .extracting(LlmException::code).isEqualTo(Code.CONNECT_FAILED);
        assertThat(mapper.map(UpstreamFailure.of(new HttpTimeoutException("request timed out"))).code())
                .isEqualTo(Code.CONNECT_FAILED);
    }

    @Test
    void shouldReportA429AsRateLimitedAndOtherStatusesAsHttpErrors() {
        LlmException limited = mapper.map(new UpstreamFailure.ErrorStatus(429, "slow down", Optional.of("2")));
        LlmException failed = mapper.map(new UpstreamFailure.ErrorStatus(500, "(empty body)", Optional.empty()));

        assertThat(limited.code()).isEqualTo(Code.RATE_LIMITED);
        assertThat(limited).hasMessage("openai answered HTTP 429: slow down");
        assertThat(failed.code()).isEqualTo(Code.HTTP_ERROR);
        assertThat(failed).hasMessage("openai answered HTTP 500: (empty body)");
    }
}
