package io.llmstream.app;

import io.llmstream.http.jersey.ConnectionLimits;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.resource.ReadinessCheck;
import io.llmstream.http.jersey.server.GrizzlyServer;
import io.llmstream.http.jersey.server.StreamingApi;
import io.llmstream.adapter.llm.ProviderRegistryLlmStream;
import io.llmstream.adapter.tts.ProviderRegistrySpeechSynthesizer;
import io.llmstream.adapter.tts.TtsConfig;
import io.llmstream.adapter.llm.offline.OfflineLlmStream;
import io.llmstream.adapter.persistence.jooq.DatabaseConfig;
import io.llmstream.adapter.persistence.jooq.JooqPersistence;
import io.llmstream.adapter.persistence.journal.JournalingMessageStore;
import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.EmbeddingPack;
import io.llmstream.adapter.rag.http.HttpContextRetriever;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.usecase.AsyncMessageWriter;
import io.llmstream.core.usecase.StreamingCore;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every adapter from the {@link AppConfig} with plain {@code new}, wires
 * them into the core and serves the API on Grizzly. {@link #stop()} shuts down gracefully.
 */
public final class StreamingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingServer.class);

    private final AppConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final StreamingCore core;
    private final HttpServer http;
    private final int port;
    private boolean stopped;

    private StreamingServer(AppConfig config) {
        this.config = config;
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("the data directory " + config.dataDir().toAbsolutePath() + " cannot be created", e);
        }
        try {
            // first: a node that cannot reach Redis must not migrate the shared database or bind its port
            StreamEngine engine = StreamEngine.start(config.streamLog());
            resources.add(engine);
            // PostgreSQL may be away while the server (re)starts: it comes up, answers 503 for what needs the database,
            // keeps accepted writes in its journal, and migrates and replays once the database is back
            DatabaseConfig database = database();
            JooqPersistence persistence = config.database().url().isPresent()
                    ? JooqPersistence.startWithoutWaiting(database) : JooqPersistence.start(database);
            resources.add(persistence);
            // writes the database cannot take wait here, fsync'd, until it can (closed before the pool: added after it)
            JournalingMessageStore messages = JournalingMessageStore.open(persistence.messageStore(), persistence::ping,
                    config.dataDir().resolve("journal"), config.writer().journalMaxBytes());
            resources.add(messages);
            RetrievalConfig index = RetrievalConfig.onDisk(config.dataDir().resolve("index"))
                    .withChunking(config.rag().chunkSize(), config.rag().chunkOverlap())
                    .withMaxDocumentBytes(config.rag().maxDocumentBytes())
                    .withEmbedAtIngestion(config.rag().embedAtIngestion());
            ProviderRegistryLlmStream llm = llm();
            // the in-process model ships in its own jar (streaming-embedding.jar): without it, BM25 answers alone
            EmbeddingPack pack = EmbeddingPack.onClassPath();
            RetrievalConfig retrieval = config.rag().embedding().map(index::withEmbedding).orElse(index);
            LuceneRetrieval knowledge = knowledgeBase(retrieval, LuceneRetrieval.embedder(retrieval.embedding(), pack), llm);
            resources.add(knowledge);
            ContextRetriever retriever = config.rag().externalRetriever().<ContextRetriever>map(HttpContextRetriever::new)
                    .orElse(knowledge.retriever());
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            MicrometerStreamingObserver observer = new MicrometerStreamingObserver(registry);
            PersistenceMetrics.bind(registry, messages, persistence);
            KnowledgeMetrics.bind(registry, knowledge);
            this.core = StreamingCore.builder().llm(llm).dialogues(persistence.dialogues()).messageStore(messages)
                    .retriever(retriever).knowledgeBase(knowledge.knowledgeBase())
                    .characters(persistence.characters()).knowledgeDocuments(persistence.documents())
                    .settings(config.streaming()).observer(observer)
                    .streamLog(engine.log()).commandRoute(engine.route()).leases(engine.leases())
                    .admission(engine.admission())
                    .speech(new ProviderRegistrySpeechSynthesizer(config.tts().config()), config.tts().audio())
                    .writer(new AsyncMessageWriter(messages, observer, config.writer().lanes(),
                            config.writer().queueCapacity(), 3, Duration.ofMillis(100)))
                    .build();
            HttpSettings settings = HttpSettings.defaults().withBasePath(config.http().basePath())
                    .withHeartbeatInterval(config.heartbeat())
                    .withLimits(config.http().maxBodyBytes(), config.http().maxUploadBytes(), config.http().maxMessageLength())
                    .withFieldLimits(config.security().fieldLimits())
                    .withStreamCaps(config.security().streamsPerUser(), config.security().streams());
            ResourceConfig api = StreamingApi.builder(core)
                    .settings(settings)
                    .authenticator(config.security().authenticator())
                    .rateLimiter(engine.rateLimiter(config.security()))
                    .webSocket(config.http().webSocket())
                    .corsAllowedOrigins(config.http().corsAllowedOrigins())
                    .readiness(ReadinessCheck.of(() -> readiness(persistence, knowledge, engine),
                            () -> Map.of("journal", Map.of("backlog", messages.backlog(), "bytes", messages.backlogBytes()))))
                    .metrics(registry::scrape)
                    .build()
                    .register(new HttpMetricsFilter(registry))
                    .register(new DemoPage.Index(config.http().basePath()))
                    .register(new DemoPage.Assets());
            this.http = GrizzlyServer.create(URI.create("http://" + config.http().host() + ":" + config.http().port() + "/"), api,
                    ConnectionLimits.defaults(settings).withBodyTimeout(config.http().bodyTimeout()));
            http.start();
            this.port = http.getListener("grizzly").getPort();
            LOG.info("database: {}", config.database().url().isPresent() ? Redaction.url(config.database().url().get())
                    : "embedded H2 file under " + config.dataDir().resolve("db").toAbsolutePath());
            LOG.info("index: Lucene under {} ({} passages), two_stage embeddings: {}{}", config.dataDir().resolve("index").toAbsolutePath(),
                    knowledge.passageCount(), EmbeddingsDescription.of(config.rag().embedding(), pack),
                    config.rag().externalRetriever().map(r -> "; queries answered by " + r).orElse("")
                            + config.rag().translation().map(t -> "; questions translated by " + t.provider().orElse("the default provider")
                                    + " (timeout " + t.timeout().toMillis() + " ms)").orElse(""));
            LOG.info("streams: {}", engine.describe());
            LOG.info("llm: {}", describeLlm(llm));
            LOG.info("tts: {}", describeTts());
            logSecurity();
            LOG.info("listening on http://{}:{}{} (health at /health/ready, metrics at /metrics)", config.http().host(), port,
                    config.http().basePath());
        } catch (IOException e) {
            closeResources();
            throw new UncheckedIOException("the HTTP server cannot listen on " + config.http().host() + ":" + config.http().port()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    /** Builds and starts the server; fails with a message naming the part that could not start. */
    public static StreamingServer start(AppConfig config) {
        return new StreamingServer(config);
    }

    /** The port actually listened on (useful when configured as 0). */
    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://" + config.http().host() + ":" + port + "/");
    }

    StreamingCore core() {
        return core;
    }

    /**
     * Graceful shutdown: stop accepting connections, let running streams finish within the grace period,
     * end the rest with an {@code error} event of code {@code shutdown} (persisted as interrupted), drain
     * queued writes, close the adapters.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Duration grace = config.shutdownGrace();
        LOG.info("shutting down: {} running streams, grace period {} s", core.activeStreams().count(), grace.toSeconds());
        var closing = http.shutdown(grace.toSeconds() + 5, TimeUnit.SECONDS);
        try {
            if (!core.activeStreams().awaitIdle(grace)) {
                LOG.info("ending {} streams still running after the grace period", core.activeStreams().count());
                core.activeStreams().stopAll(ErrorCode.Stream.SHUTDOWN, "the server is shutting down");
                core.activeStreams().awaitIdle(Duration.ofSeconds(5));
            }
            closing.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop in time; closing its connections", e);
        } finally {
            http.shutdownNow();
        }
        boolean drained = core.close(config.writer().drainTimeout());
        AsyncMessageWriter writer = core.writer();
        LOG.info("persistence writer {}: {} written, {} failed attempts, {} dropped", drained ? "drained" : "NOT drained in time",
                writer.written(), writer.failed(), writer.dropped());
        closeResources();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private DatabaseConfig database() {
        return config.database().url()
                .map(url -> new DatabaseConfig(url, config.database().user(), config.database().password(),
                        config.database().poolSize(), DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT))
                .orElseGet(() -> DatabaseConfig.embedded(config.dataDir()).withPoolSize(config.database().poolSize()));
    }

    /** Questions are translated by the configured LLM when the config says so (a real provider is configured). */
    private LuceneRetrieval knowledgeBase(RetrievalConfig retrieval, Optional<Embedder> embedder, ProviderRegistryLlmStream llm) {
        return config.rag().translation()
                .map(translation -> LuceneRetrieval.open(retrieval, embedder, llm, translation))
                .orElseGet(() -> LuceneRetrieval.open(retrieval, embedder));
    }

    /** The registry always offers the {@code offline} provider too; it is the default when nothing else is configured. */
    private ProviderRegistryLlmStream llm() {
        String defaultProvider = config.llm().defaultProvider().orElse(config.llm().providers().isEmpty()
                ? OfflineLlmStream.NAME : config.llm().providers().get(0).name());
        ProviderRegistryLlmStream registry = new ProviderRegistryLlmStream(config.llm().providers(), defaultProvider);
        resources.add(registry);
        return registry;
    }

    private String describeLlm(ProviderRegistryLlmStream llm) {
        if (!config.llm().providers().isEmpty()) {
            return "providers " + String.join(", ", config.llm().providers().stream()
                    .map(p -> p.name() + " (" + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " at " + p.baseUrl()
                            + ", model " + p.defaultModel() + ")").toList())
                    + ", offline; default " + llm.defaultProvider();
        }
        return "offline — NOT a language model: no LLM is configured, so answers only quote the knowledge base. "
                + "Set OPENAI_API_KEY / OPENAI_BASE_URL, ANTHROPIC_API_KEY or OLLAMA_BASE_URL to use one.";
    }

    private void logSecurity() {
        AppConfig.Security security = config.security();
        switch (security.mode()) {
            case JWT -> LOG.info("authentication: {}", security.authenticator());
            case LOCAL -> LOG.info("authentication: none (local mode, loopback only): every request is the user '{}'; "
                    + "set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL to require JWT bearer tokens",
                    io.llmstream.http.jersey.security.Authenticator.LOCAL_USER);
            case DISABLED -> LOG.warn("authentication is DISABLED (AUTH_DISABLED=true): every caller that reaches {}:{} "
                    + "acts as the single user '{}' and sees all of its data", config.http().host(), port,
                    io.llmstream.http.jersey.security.Authenticator.LOCAL_USER);
        }
        LOG.info("limits: {} requests per minute per {} (0 = unlimited), {} streams per user, {} in all",
                security.requestsPerMinute(), security.mode() == AppConfig.AuthMode.JWT ? "user" : "client address",
                security.streamsPerUser(), security.streams());
    }

    private String describeTts() {
        TtsConfig tts = config.tts().config();
        String local = TtsConfig.isInstalled(tts.espeak().binary())
                ? "espeak (" + tts.espeak().binary() + ", voice " + tts.espeak().voice() + ", mp3 "
                        + (TtsConfig.isInstalled(tts.espeak().lameBinary()) ? "through " + tts.espeak().lameBinary() : "unavailable: lame is not installed") + ")"
                : "espeak NOT installed (apt-get install espeak-ng lame)";
        return "default " + tts.defaultProvider().orElse("none (audio streams answer 503)") + "; " + local
                + tts.openAi().map(o -> ", openai at " + o.baseUrl()).orElse("")
                + tts.elevenLabs().map(e -> ", elevenlabs at " + e.baseUrl()).orElse("");
    }

    private static Map<String, Boolean> readiness(JooqPersistence persistence, LuceneRetrieval knowledge, StreamEngine engine) {
        Map<String, Boolean> components = new java.util.LinkedHashMap<>(Map.of("database", persistence.ping(), "index", knowledge.isReady()));
        components.putAll(engine.readiness());
        return components;
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resources.get(i).getClass().getSimpleName(), e);
            }
        }
        resources.clear();
    }
}
