package io.llmstream.adapter.llm.http;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.core.port.LlmStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One streaming HTTP exchange, as a chain of small parts: the first {@link #next()} has {@link Retries} send the
 * {@link Exchange} until a 2xx answer, later calls take events from its {@link StreamingBody}. {@link #close()} and
 * the {@link Watchdog} abort from any thread through {@link Abort}, which releases the exchange (cancels the
 * request, closes the body and with it the HTTP/1.1 connection, waking a blocked read). Every failure leaves here
 * redacted, and once failed the completion keeps throwing that failure.
 */
final class HttpCompletion implements LlmStream.Completion {

    private enum State { NEW, STREAMING, FINISHED, FAILED }

    private final ProviderConfig config;
    private final String model;
    private final EventDecoder decoder;
    private final Redactor redactor;
    private final Watchdog watchdog;
    private final Abort abort;
    private final Exchange exchange;
    private final Retries retries;
    private State state = State.NEW;
    private StreamingBody body;
    private LlmException failure;

    HttpCompletion(ProviderConfig config, String model, HttpClient client, HttpRequest request, EventDecoder decoder,
            Redactor redactor, RetryDelays delays, ScheduledExecutorService timeouts) {
        this.config = config;
        this.model = model;
        this.decoder = decoder;
        this.redactor = redactor;
        this.abort = new Abort(config.name(), this::release);
        this.exchange = new Exchange(config.name(), client, request, abort);
        this.retries = new Retries(config.name(), config.retry(), delays,
                new FailureMapper(config.name(), request.uri(), config.timeouts().connect()), abort);
        this.watchdog = new Watchdog(timeouts, config.timeouts(), abort::fire);
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
        LlmEvent event;
        try {
            abort.throwIfFired();
            if (state == State.NEW) {
                body = new StreamingBody(config.name(), retries.bodyOf(exchange)::next, decoder, watchdog, abort,
                        this::release);
                state = State.STREAMING;
            }
            event = body.next();
            abort.throwIfFired();
        } catch (LlmException e) {
            throw fail(e);
        } catch (RuntimeException bug) {
            throw fail(new LlmException(Code.MALFORMED_STREAM,
                    config.name() + " sent a stream that could not be decoded: " + bug, bug));
        }
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
        abort.fire(new LlmException(Code.CANCELLED, "the completion from " + config.name() + " was closed by the caller"));
    }

    private void release() {
        watchdog.stop();
        exchange.release();
    }

    private LlmException fail(LlmException e) {
        state = State.FAILED;
        failure = redactor.redact(e);
        release();
        return failure;
    }
}
