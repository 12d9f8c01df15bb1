package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import io.llmstream.upstream.ErrorBodies;
import io.llmstream.upstream.UpstreamFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A speech streamed in the body of an HTTP response: sent at once, the response awaited by the first
 * {@link #read()}, the body passed on as it arrives. Closing it aborts the exchange.
 */
final class HttpSpeech implements Speech {

    private static final int BUFFER = 8192;

    private final String provider;
    private final int sampleRate;
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private volatile InputStream body;
    private volatile boolean closed;

    private HttpSpeech(String provider, int sampleRate, CompletableFuture<HttpResponse<InputStream>> response) {
        this.provider = provider;
        this.sampleRate = sampleRate;
        this.response = response;
    }

    static HttpClient client(TtsConfig config) {
        return HttpClient.newBuilder().connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static HttpSpeech send(HttpClient client, HttpRequest request, String provider, int sampleRate) {
        return new HttpSpeech(provider, sampleRate, client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public Optional<byte[]> read() {
        InputStream in = body != null ? body : open();
        byte[] buffer = new byte[BUFFER];
        try {
            int n = in.read(buffer);
            return n < 0 ? Optional.empty() : Optional.of(Arrays.copyOf(buffer, n));
        } catch (IOException e) {
            throw closed ? cancelled() : new SpeechException(SpeechException.Code.CONNECT_FAILED,
                    provider + " broke off the audio: " + e.getMessage(), e);
        }
    }

    private InputStream open() {
        HttpResponse<InputStream> answer;
        try {
            answer = response.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw cancelled();
        } catch (CancellationException e) {
            throw cancelled();
        } catch (ExecutionException e) {
            throw closed ? cancelled() : failure(UpstreamFailure.of(e.getCause()));
        }
        body = answer.body();
        if (closed) {
            close();
            throw cancelled();
        }
        if (answer.statusCode() / 100 != 2) {
            UpstreamFailure.ErrorStatus status = UpstreamFailure.ErrorStatus.read(answer);
            close();
            throw failure(status);
        }
        String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json") || type.startsWith("text/")) {
            String detail = ErrorBodies.gist(body);
            close();
            throw new SpeechException(SpeechException.Code.MALFORMED_AUDIO, provider + " answered " + type
                    + " instead of audio: " + detail);
        }
        return body;
    }

    /** The failure in this port's words: a timeout is {@code TIMEOUT}, any other exchange failure {@code CONNECT_FAILED}. */
    private SpeechException failure(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.NoResponse none -> switch (none.kind()) {
                case CONNECT_TIMEOUT -> new SpeechException(SpeechException.Code.TIMEOUT,
                        provider + " could not be connected in time", none.cause());
                case RESPONSE_TIMEOUT -> new SpeechException(SpeechException.Code.TIMEOUT,
                        provider + " did not answer in time", none.cause());
                case UNREACHABLE -> new SpeechException(SpeechException.Code.CONNECT_FAILED,
                        provider + " could not be reached: " + none.cause().getMessage(), none.cause());
                case BROKEN -> new SpeechException(SpeechException.Code.CONNECT_FAILED,
                        provider + " failed: " + none.cause(), none.cause());
            };
            case UpstreamFailure.ErrorStatus status -> new SpeechException(SpeechException.Code.HTTP_ERROR,
                    provider + " answered HTTP " + status.status()
                            + (status.credentialsRefused() ? " (the API key was refused)" : "") + ": " + status.detail());
        };
    }

    private SpeechException cancelled() {
        return new SpeechException(SpeechException.Code.CANCELLED, "the speech was closed");
    }

    @Override
    public void close() {
        closed = true;
        response.cancel(true);
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already broken: nothing to release
            }
        }
    }
}
