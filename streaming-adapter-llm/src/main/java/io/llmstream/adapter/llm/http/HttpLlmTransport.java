package io.llmstream.adapter.llm.http;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The HTTP side shared by every provider: one JDK {@link HttpClient} (HTTP/1.1, so that closing a
 * stream closes its connection) per provider, requests with the configured headers, and completions
 * with timeouts, retries before the first delta, cancellation and secret redaction.
 */
public final class HttpLlmTransport implements AutoCloseable {

    private final ProviderConfig config;
    private final HttpClient client;
    private final Redactor redactor;
    private final RetryDelays delays;
    private final ScheduledExecutorService timeouts;

    public HttpLlmTransport(ProviderConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeouts().connect())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (onSelectorThread(config)) {
            builder.executor(Runnable::run);
        }
        this.client = builder.build();
        List<String> secrets = new ArrayList<>(config.headers().values());
        config.apiKey().ifPresent(secrets::add);
        this.redactor = new Redactor(secrets);
        this.delays = new RetryDelays(config.retry(), Clock.systemUTC());
        this.timeouts = Watchdog.newTimer(config.name());
    }

    /**
     * Whether the client runs its own work (parsing headers and chunks, handing body buffers to
     * {@link PrefetchingBodySubscriber}, which never blocks) on its selector thread instead of handing each upstream
     * event to a worker thread: for plain HTTP (a local gateway), where the load harness measured ~20 % less CPU per
     * chunk. Over TLS the JDK also runs the handshakes' delegated tasks and the decryption of incoming records on
     * that executor, which must then stay a pool, or one thread would do the crypto of every stream.
     */
    static boolean onSelectorThread(ProviderConfig config) {
        return "http".equalsIgnoreCase(config.baseUrl().getScheme());
    }

    /** The JDK client of this transport (tests check how it is built). */
    HttpClient client() {
        return client;
    }

    /** The timer of this transport's timeout checks (tests check that closing stops it). */
    ScheduledExecutorService timeouts() {
        return timeouts;
    }

    /** The provider this transport talks to. */
    public ProviderConfig config() {
        return config;
    }

    /**
     * A POST of {@code jsonBody} to {@code baseUrl + path} with JSON content type, the configured extra headers
     * and {@code authHeaders}; the caller adds nothing that carries a secret in the URL.
     */
    public HttpRequest post(String path, byte[] jsonBody, Map<String, String> authHeaders, String accept) {
        String base = config.baseUrl().toString();
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonBody))
                .header("Content-Type", "application/json")
                .header("Accept", accept);
        config.headers().forEach(builder::header);
        authHeaders.forEach(builder::header);
        return builder.build();
    }

    /** A completion that sends {@code request} on its first {@code next()} and decodes the body with {@code decoder}. */
    public LlmStream.Completion open(String model, HttpRequest request, EventDecoder decoder) {
        return new HttpCompletion(config, model, client, request, decoder, redactor, delays, timeouts);
    }

    /**
     * The model a request to this provider uses: the one it names, else the configured default.
     *
     * @throws LlmException {@code UNKNOWN_PROVIDER} when the request names another provider
     */
    public String modelFor(CompletionRequest request) {
        request.provider().filter(name -> !name.equals(config.name())).ifPresent(name -> {
            throw new LlmException(LlmException.Code.UNKNOWN_PROVIDER,
                    "unknown LLM provider '" + name + "', this client serves only '" + config.name() + "'");
        });
        return request.model().orElse(config.defaultModel());
    }

    /** Drops the connections of this provider and stops its timeout checks; running completions fail. */
    @Override
    public void close() {
        client.shutdownNow();
        timeouts.shutdownNow();
    }
}
