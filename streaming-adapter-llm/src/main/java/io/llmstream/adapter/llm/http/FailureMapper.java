package io.llmstream.adapter.llm.http;

import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.upstream.UpstreamFailure;
import java.net.URI;
import java.time.Duration;

/** Says a failed exchange in the LLM port's words: which {@link Code}, and a message naming the provider and its URL. */
final class FailureMapper {

    private final String provider;
    private final URI uri;
    private final Duration connectTimeout;

    FailureMapper(String provider, URI uri, Duration connectTimeout) {
        this.provider = provider;
        this.uri = uri;
        this.connectTimeout = connectTimeout;
    }

    LlmException map(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.NoResponse none -> switch (none.kind()) {
                case CONNECT_TIMEOUT -> new LlmException(Code.TIMEOUT, "connect timeout of "
                        + Watchdog.human(connectTimeout) + " fired: " + provider + " at " + uri
                        + " did not accept the connection", none.cause());
                case UNREACHABLE -> new LlmException(Code.CONNECT_FAILED, "cannot connect to " + provider + " at "
                        + uri + ": " + UpstreamFailure.describe(none.cause()), none.cause());
                // completions have no request timeout (the watchdog's limits replace it): it counts as no response
                case RESPONSE_TIMEOUT, BROKEN -> new LlmException(Code.CONNECT_FAILED, "no response from " + provider
                        + " at " + uri + ": " + UpstreamFailure.describe(none.cause()), none.cause());
            };
            case UpstreamFailure.ErrorStatus status -> new LlmException(
                    status.rateLimited() ? Code.RATE_LIMITED : Code.HTTP_ERROR,
                    provider + " answered HTTP " + status.status() + ": " + status.detail());
        };
    }
}
