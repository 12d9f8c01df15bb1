package io.llmstream.adapter.llm.http;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.core.port.LlmStream;
import io.llmstream.upstream.ErrorBodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One streaming HTTP exchange. The first {@link #next()} sends the request, retrying connect errors,
 * 408, 429 and 5xx; later calls read the body and decode it. {@link #close()} and the watchdog abort
 * the exchange from any thread by cancelling the response future and closing the body stream, which
 * closes the HTTP/1.1 connection and wakes a blocked read.
 */
final class HttpCompletion implements LlmStream.Completion {

    private static final System.Logger LOG = System.getLogger(HttpCompletion.class.getName());

    private enum State { NEW, STREAMING, FINISHED, FAILED }

    private final ProviderConfig config;
    private final String model;
    private final HttpClient client;
    private final HttpRequest request;
    private final EventDecoder decoder;
    private final Redactor redactor;
    private final RetryDelays delays;
    private final Watchdog watchdog;
    private final ArrayDeque<LlmEvent> pending = new ArrayDeque<>();
    /**
     * Bytes taken from the body per read. An idle stream holds this buffer while it waits in {@code read}, so it
     * is kept small: an SSE event of a streamed answer is a few hundred bytes, and a larger burst is simply read
     * in several turns.
     */
    static final int READ_BUFFER_BYTES = 2048;

    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private final AtomicReference<LlmException> abort = new AtomicReference<>();
    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile CompletableFuture<HttpResponse<InputStream>> inFlight;
    private volatile InputStream body;
    private State state = State.NEW;
    private LlmException failure;
    private long bytesRead;
    /** A failure decoded in the same read as deltas before it: those are delivered first. */
    private LlmException deferred;

    HttpCompletion(ProviderConfig config, String model, HttpClient client, HttpRequest request, EventDecoder decoder,
            Redactor redactor, RetryDelays delays) {
        this.config = config;
        this.model = model;
        this.client = client;
        this.request = request;
        this.decoder = decoder;
        this.redactor = redactor;
        this.delays = delays;
        this.watchdog = new Watchdog(config.timeouts(), this::abort);
        watchdog.start();
    }

    @Override
    public String provider() {
        return config.name();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public LlmEvent next() {
        switch (state) {
            case FINISHED -> throw new IllegalStateException("the completion already finished");
            case FAILED -> throw failure;
            case NEW, STREAMING -> { }
        }
        try {
            throwIfAborted();
            if (state == State.NEW) {
                connect();
                state = State.STREAMING;
            }
            while (pending.isEmpty()) {
                if (deferred != null) {
                    throw deferred;
                }
                readAndDecode();
            }
            throwIfAborted();
        } catch (LlmException e) {
            throw fail(e);
        } catch (RuntimeException bug) {
            throw fail(new LlmException(Code.MALFORMED_STREAM,
                    config.name() + " sent a stream that could not be decoded: " + bug, bug));
        }
        LlmEvent event = pending.poll();
        switch (event) {
            case LlmEvent.TextDelta delta -> watchdog.firstToken();
            case LlmEvent.ReasoningDelta delta -> watchdog.firstToken();
            case LlmEvent.Finished finished -> {
                state = State.FINISHED;
                release();
            }
        }
        return event;
    }

    @Override
    public void close() {
        abort(new LlmException(Code.CANCELLED, "the completion from " + config.name() + " was closed by the caller"));
    }

    private void readAndDecode() {
        InputStream in = body;
        int n;
        watchdog.readStarted();
        try {
            n = in.read(buffer);
        } catch (IOException e) {
            throwIfAborted();
            throw new LlmException(Code.TRUNCATED, config.name() + " broke the stream off after " + bytesRead
                    + " bytes, without its end marker: " + e.getMessage(), e);
        } finally {
            watchdog.readEnded();
        }
        throwIfAborted();
        try {
            if (n < 0) {
                decoder.end(pending::add);
                if (pending.isEmpty()) {
                    throw new LlmException(Code.TRUNCATED, config.name() + " ended the stream without its end marker");
                }
            } else {
                bytesRead += n;
                decoder.feed(buffer, 0, n, pending::add);
            }
        } catch (LlmException e) {
            if (pending.isEmpty()) {
                throw e;
            }
            deferred = e;
            release();
        }
    }

    private void connect() {
        int maxAttempts = config.retry().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Attempt result = send();
            if (result.response().isPresent()) {
                HttpResponse<InputStream> response = result.response().get();
                if (response.statusCode() / 100 == 2) {
                    body = response.body();
                    throwIfAborted();
                    return;
                }
                result = new Attempt(Optional.empty(), httpFailure(response), retryable(response.statusCode()),
                        response.headers().firstValue("retry-after"));
            }
            LlmException error = result.failure();
            if (!result.retryable() || attempt >= maxAttempts) {
                throw attempt > 1 ? withAttempts(error, attempt) : error;
            }
            Optional<Duration> wait = delays.before(attempt, result.retryAfter());
            if (wait.isEmpty()) {
                throw new LlmException(error.code(), error.getMessage() + "; not retried: Retry-After "
                        + result.retryAfter().orElse("") + " is longer than maxRetryAfter "
                        + Watchdog.human(config.retry().maxRetryAfter()), error.getCause());
            }
            LOG.log(System.Logger.Level.INFO, "{0}: attempt {1} of {2} failed ({3}); retrying in {4} ms",
                    config.name(), attempt, maxAttempts, error.getMessage(), wait.get().toMillis());
            pause(wait.get());
        }
    }

    private record Attempt(Optional<HttpResponse<InputStream>> response, LlmException failure, boolean retryable,
            Optional<String> retryAfter) {
    }

    private Attempt send() {
        CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(request, PrefetchingBodySubscriber.handler());
        inFlight = future;
        if (abort.get() != null) {
            future.cancel(true);
        }
        try {
            HttpResponse<InputStream> response = future.get();
            inFlight = null;
            return new Attempt(Optional.of(response), null, false, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(new LlmException(Code.CANCELLED, "the thread reading " + config.name() + " was interrupted"));
            throw abort.get();
        } catch (CancellationException e) {
            throwIfAborted();
            throw new LlmException(Code.CANCELLED, "the request to " + config.name() + " was cancelled", e);
        } catch (ExecutionException e) {
            throwIfAborted();
            return new Attempt(Optional.empty(), connectFailure(e.getCause()), true, Optional.empty());
        }
    }

    private LlmException connectFailure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new LlmException(Code.TIMEOUT, "connect timeout of " + Watchdog.human(config.timeouts().connect())
                    + " fired: " + config.name() + " at " + request.uri() + " did not accept the connection", cause);
        }
        String what = cause instanceof ConnectException ? "cannot connect to " : "no response from ";
        return new LlmException(Code.CONNECT_FAILED, what + config.name() + " at " + request.uri() + ": "
                + describe(cause), cause);
    }

    private LlmException httpFailure(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String detail;
        body = response.body();
        try {
            detail = ErrorBodies.gist(ErrorBodies.read(response.body()));
        } catch (IOException e) {
            throwIfAborted();
            detail = "(body unreadable: " + e.getMessage() + ")";
        } finally {
            closeQuietly(response.body());
            body = null;
        }
        Code code = status == 429 ? Code.RATE_LIMITED : Code.HTTP_ERROR;
        return new LlmException(code, config.name() + " answered HTTP " + status + ": " + detail);
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static LlmException withAttempts(LlmException error, int attempts) {
        return new LlmException(error.code(), error.getMessage() + " (after " + attempts + " attempts)",
                error.getCause());
    }

    private void pause(Duration wait) {
        try {
            if (aborted.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throwIfAborted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(new LlmException(Code.CANCELLED, "the thread reading " + config.name() + " was interrupted"));
            throwIfAborted();
        }
    }

    private void abort(LlmException reason) {
        if (!abort.compareAndSet(null, reason)) {
            return;
        }
        aborted.countDown();
        release();
    }

    private void release() {
        watchdog.stop();
        CompletableFuture<HttpResponse<InputStream>> future = inFlight;
        if (future != null) {
            future.cancel(true);
        }
        closeQuietly(body);
    }

    private void throwIfAborted() {
        LlmException reason = abort.get();
        if (reason != null) {
            throw new LlmException(reason.code(), reason.getMessage(), reason.getCause());
        }
    }

    private LlmException fail(LlmException e) {
        state = State.FAILED;
        failure = redactor.redact(e);
        release();
        return failure;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is best effort: the connection is being dropped anyway
            }
        }
    }
}
