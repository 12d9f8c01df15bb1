package io.llmstream.adapter.llm.http;

import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.upstream.UpstreamFailure;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The HTTP side of one completion: sends its request (once per attempt) and holds what {@link #release()} must drop
 * from another thread, the request in flight and the body being read. Closing the body closes the HTTP/1.1
 * connection, which is how a read blocked in it wakes up.
 */
final class Exchange {

    /** What one attempt gave: a 2xx body to stream, or a failure for the retry policy to judge. */
    sealed interface Sent {
    }

    record Answered(PrefetchingBodySubscriber.Body body) implements Sent {
    }

    record Failed(UpstreamFailure failure) implements Sent {
    }

    private final String provider;
    private final HttpClient client;
    private final HttpRequest request;
    private final Abort abort;
    private volatile CompletableFuture<HttpResponse<PrefetchingBodySubscriber.Body>> inFlight;
    private volatile PrefetchingBodySubscriber.Body body;

    Exchange(String provider, HttpClient client, HttpRequest request, Abort abort) {
        this.provider = provider;
        this.client = client;
        this.request = request;
        this.abort = abort;
    }

    /**
     * Sends the request and waits for the response headers; an error status's body is read for its gist and closed.
     *
     * @throws LlmException the abort's reason when aborted meanwhile; {@code CANCELLED} when the request was
     *                      cancelled or the thread interrupted
     */
    Sent send() {
        CompletableFuture<HttpResponse<PrefetchingBodySubscriber.Body>> future = client.sendAsync(request, PrefetchingBodySubscriber.handler());
        inFlight = future;
        if (abort.fired()) {
            future.cancel(true);
        }
        HttpResponse<PrefetchingBodySubscriber.Body> response;
        try {
            response = future.get();
            inFlight = null;
        } catch (InterruptedException e) {
            throw abort.interrupted();
        } catch (CancellationException e) {
            abort.throwIfFired();
            throw new LlmException(Code.CANCELLED, "the request to " + provider + " was cancelled", e);
        } catch (ExecutionException e) {
            abort.throwIfFired();
            return new Failed(UpstreamFailure.of(e.getCause()));
        }
        body = response.body();
        if (response.statusCode() / 100 == 2) {
            abort.throwIfFired();
            return new Answered(response.body());
        }
        UpstreamFailure.ErrorStatus status = UpstreamFailure.ErrorStatus.read(response);
        body = null;
        abort.throwIfFired();
        return new Failed(status);
    }

    /** Cancels the request in flight and closes the body: safe from any thread, any number of times. */
    void release() {
        CompletableFuture<HttpResponse<PrefetchingBodySubscriber.Body>> future = inFlight;
        if (future != null) {
            future.cancel(true);
        }
        PrefetchingBodySubscriber.Body in = body;
        if (in != null) {
            in.close(); // closing never fails: it cancels the subscription, which drops the connection
        }
    }
}
