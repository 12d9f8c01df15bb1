package io.llmstream.adapter.llm.http;

import io.llmstream.adapter.llm.config.RetryPolicy;
import io.llmstream.core.port.LlmException;
import io.llmstream.upstream.UpstreamFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * The retry policy applied to one completion's request: sends it until a 2xx answer, retrying what
 * {@link UpstreamFailure#retryable()} allows up to {@link RetryPolicy#maxAttempts()}, after the back-off of
 * {@link RetryDelays}. It runs only before the first delta: once a body streams, nothing is sent again.
 */
final class Retries {

    private static final System.Logger LOG = System.getLogger(Retries.class.getName());

    private final String provider;
    private final RetryPolicy policy;
    private final RetryDelays delays;
    private final FailureMapper failures;
    private final Abort abort;

    Retries(String provider, RetryPolicy policy, RetryDelays delays, FailureMapper failures, Abort abort) {
        this.provider = provider;
        this.policy = policy;
        this.delays = delays;
        this.failures = failures;
        this.abort = abort;
    }

    /**
     * The body of the first 2xx answer of {@code exchange}.
     *
     * @throws LlmException the last failure (naming the attempts when there were several), or the abort's reason
     */
    PrefetchingBodySubscriber.Body bodyOf(Exchange exchange) {
        for (int attempt = 1; ; attempt++) {
            UpstreamFailure failure;
            switch (exchange.send()) {
                case Exchange.Answered answered -> {
                    return answered.body();
                }
                case Exchange.Failed failed -> failure = failed.failure();
            }
            LlmException error = failures.map(failure);
            if (!failure.retryable() || attempt >= policy.maxAttempts()) {
                throw attempt > 1 ? withAttempts(error, attempt) : error;
            }
            Optional<String> retryAfter = failure instanceof UpstreamFailure.ErrorStatus status
                    ? status.retryAfter() : Optional.empty();
            Optional<Duration> wait = delays.before(attempt, retryAfter);
            if (wait.isEmpty()) {
                throw new LlmException(error.code(), error.getMessage() + "; not retried: Retry-After "
                        + retryAfter.orElse("") + " is longer than maxRetryAfter "
                        + Watchdog.human(policy.maxRetryAfter()), error.getCause());
            }
            LOG.log(System.Logger.Level.INFO, "{0}: attempt {1} of {2} failed ({3}); retrying in {4} ms",
                    provider, attempt, policy.maxAttempts(), error.getMessage(), wait.get().toMillis());
            abort.pause(wait.get());
        }
    }

    private static LlmException withAttempts(LlmException error, int attempts) {
        return new LlmException(error.code(), error.getMessage() + " (after " + attempts + " attempts)",
                error.getCause());
    }
}
