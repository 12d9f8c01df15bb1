package io.llmstream.app;

import io.llmstream.adapter.llm.config.LlmTimeouts;
import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import io.llmstream.adapter.rag.http.HttpRetrieverConfig;
import io.llmstream.adapter.rag.translation.QueryTranslationConfig;
import io.llmstream.adapter.tts.TtsConfig;
import io.llmstream.app.ConfigProperties.TtsProvider;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.http.jersey.Authenticator;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.RateLimiter;
import io.llmstream.http.jersey.WebSocketSettings;
import io.llmstream.http.jersey.security.Bucket4jRateLimiter;
import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds the {@link AppConfig} once at start: SmallRye Config maps, converts and range-checks the keys of
 * {@link ConfigProperties} (see {@link ConfigProblems} for the messages), then this class applies the rules that
 * span several keys and builds the adapters' settings. Sources, highest priority first: the properties given
 * (system properties), the environment given, the properties file named by {@code config.file} /
 * {@code CONFIG_FILE} (else {@code ./application.properties} when it exists), the mapping's defaults.
 */
final class ConfigLoader {

    private static final String OPENAI_URL = "https://api.openai.com/v1";

    /** What an extra provider without llm.<name>.model is asked for: servers such as vLLM serve one model anyway. */
    private static final String UNNAMED_MODEL = "default";

    private final ConfigProperties keys;

    private ConfigLoader(ConfigProperties keys) {
        this.keys = keys;
    }

    /** The server's configuration from this JVM's system properties and the process environment. */
    static AppConfig fromEnvironment() {
        Map<String, String> systemProperties = new java.util.HashMap<>();
        System.getProperties().forEach((key, value) -> systemProperties.put(key.toString(), value.toString()));
        return load(systemProperties, System.getenv());
    }

    /** The configuration made of these properties alone (and the defaults): what tests use. */
    static AppConfig load(Map<String, String> properties) {
        return load(properties, Map.of());
    }

    /** @param environment variables as the process environment would hold them ({@code HTTP_PORT=8080}) */
    static AppConfig load(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "properties", 400), new EnvConfigSource(environment, 300))
                .withValidator(ConfigProblems.VALIDATOR);
        configFile(properties, environment).ifPresent(file -> builder.withSources(fileSource(file)));
        return new ConfigLoader(ConfigProblems.build(builder)).build();
    }

    private static Optional<Path> configFile(Map<String, String> properties, Map<String, String> environment) {
        String named = properties.getOrDefault("config.file", environment.get("CONFIG_FILE"));
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("CONFIG_FILE names " + file.toAbsolutePath() + ", which is not a readable file");
            }
            return Optional.of(file);
        }
        Path local = Path.of("application.properties");
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    private static PropertiesConfigSource fileSource(Path file) {
        try {
            return new PropertiesConfigSource(file.toUri().toURL(), 250);
        } catch (IOException e) {
            throw new ConfigException("the configuration file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }

    private AppConfig build() {
        ConfigProperties.Http http = keys.http();
        AppConfig.Http server = new AppConfig.Http(host(), http.port(), basePath(), http.maxBodyBytes(), http.maxUploadBytes(),
                http.maxMessageLength(), Duration.ofSeconds(http.bodyTimeoutSeconds()), webSocket(), origins(keys.cors().allowedOrigins()));
        ConfigProperties.Db db = keys.db();
        AppConfig.Database database = new AppConfig.Database(db.url().map(ConfigLoader::jdbcUrl), db.user().orElse(""),
                db.password().orElse(""), db.poolSize());
        ConfigProperties.Persistence persistence = keys.persistence();
        AppConfig.Writer writer = new AppConfig.Writer(persistence.writerLanes(), persistence.queueCapacity(),
                Duration.ofSeconds(persistence.drainSeconds()), persistence.journalMaxBytes());
        ConfigProperties.Stream stream = keys.stream();
        AppConfig.StreamLog streamLog = new AppConfig.StreamLog(Duration.ofSeconds(stream.retentionSeconds()),
                stream.logMaxEvents(), redis(database));
        AppConfig.Llm llm = llm();
        return new AppConfig(server, keys.data().dir(), database, writer, llm, streaming(), streamLog,
                Duration.ofSeconds(keys.streaming().heartbeatSeconds()), rag(llm), tts(),
                Duration.ofSeconds(keys.shutdown().graceSeconds()), security(server.host()));
    }

    private WebSocketSettings webSocket() {
        ConfigProperties.Ws ws = keys.ws();
        return WebSocketSettings.defaults().withMaxFrameBytes(ws.maxFrameBytes()).withMaxQueuedFrames(ws.maxQueuedFrames())
                .withMaxMessagesPerSecond(ws.maxMessagesPerSecond()).withAllowedOrigins(origins(ws.allowedOrigins()));
    }

    private StreamingSettings streaming() {
        ConfigProperties.Streaming streaming = keys.streaming();
        ConfigProperties.Stream stream = keys.stream();
        return new StreamingSettings(streaming.chunkSize(), Duration.ofMillis(streaming.maxChunkDelayMs()),
                streaming.historyMessages(), streaming.historyChars(), Duration.ofSeconds(streaming.maxDurationSeconds()),
                streaming.maxAnswerChars(), Duration.ofSeconds(stream.detachGraceSeconds()), stream.pauseBufferEvents(),
                Duration.ofSeconds(stream.pauseMaxSeconds()));
    }

    /** stream.engine=redis needs a database every node shares: the embedded one is this process's alone. */
    private Optional<AppConfig.Redis> redis(AppConfig.Database database) {
        if (keys.stream().engine() == ConfigProperties.Engine.MEMORY) {
            return Optional.empty();
        }
        if (database.url().isEmpty() || database.url().get().startsWith("jdbc:h2:")) {
            throw new ConfigException(describe("stream.engine") + " is redis, but the database is the embedded H2 of this process: "
                    + "several nodes must store their answers in one shared database. Set " + env("db.url")
                    + " to a PostgreSQL URL (jdbc:postgresql://host:5432/db), or use " + env("stream.engine") + "=memory for one node");
        }
        String url = keys.redis().url();
        if (!url.matches("rediss?://.+")) {
            throw new ConfigException(describe("redis.url") + " must start with redis:// or rediss://, was '" + Redaction.url(url) + "'");
        }
        String node = keys.node().id().orElseGet(ConfigLoader::defaultNodeId);
        if (!node.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new ConfigException(describe("node.id") + " must be 1 to 100 letters, digits, '.', '_', ':' or '-', was '" + node + "'");
        }
        return Optional.of(new AppConfig.Redis(url, keys.redis().keyPrefix(), node, Duration.ofSeconds(keys.stream().leaseSeconds())));
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Exactly one of secret, public key and JWKS URL turns JWT on; none is the local mode, allowed only on a
     * loopback address unless AUTH_DISABLED=true says so explicitly.
     */
    private AppConfig.Security security(String host) {
        ConfigProperties.Auth auth = keys.auth();
        long sources = Stream.of(auth.jwtSecret(), auth.jwtPublicKey(), auth.jwksUrl()).filter(Optional::isPresent).count();
        if (sources > 1) {
            throw new ConfigException("set only one of " + describe("auth.jwt-secret") + ", " + describe("auth.jwt-public-key")
                    + " and " + describe("auth.jwks-url"));
        }
        AppConfig.AuthMode mode = auth.disabled() ? AppConfig.AuthMode.DISABLED
                : sources == 1 ? AppConfig.AuthMode.JWT : AppConfig.AuthMode.LOCAL;
        if (mode == AppConfig.AuthMode.LOCAL && !isLoopback(host)) {
            throw new ConfigException(describe("http.host") + " is '" + host + "', which is not a loopback address, and no "
                    + "authentication is configured. Set " + env("auth.jwt-secret") + " (HS256), " + env("auth.jwt-public-key")
                    + " (a PEM file for RS256/ES256) or " + env("auth.jwks-url") + ", or bind to 127.0.0.1, or set "
                    + env("auth.disabled") + "=true to serve every caller as one user without authentication");
        }
        Authenticator authenticator = mode == AppConfig.AuthMode.JWT ? jwt(auth) : Authenticator.localUser();
        int perMinute = keys.rateLimit().perMinute();
        RateLimiter limiter = perMinute == 0 ? RateLimiter.UNLIMITED
                : mode == AppConfig.AuthMode.JWT ? Bucket4jRateLimiter.perUser(perMinute) : Bucket4jRateLimiter.perClientAddress(perMinute);
        ConfigProperties.Http http = keys.http();
        HttpSettings.FieldLimits fields = new HttpSettings.FieldLimits(http.maxRoleLength(), http.maxTitleLength(),
                http.maxSystemPromptLength(), http.maxTopK());
        return new AppConfig.Security(mode, authenticator, limiter, perMinute, keys.streams().perUserMax(), keys.streams().max(),
                fields);
    }

    private Authenticator jwt(ConfigProperties.Auth auth) {
        JwtPolicy policy = JwtPolicy.defaults().withUserClaim(auth.userClaim())
                .withClockSkew(Duration.ofSeconds(auth.clockSkewSeconds()));
        policy = auth.issuer().map(policy::withIssuer).orElse(policy);
        policy = auth.audience().map(policy::withAudience).orElse(policy);
        try {
            if (auth.jwtSecret().isPresent()) {
                return NimbusJwtAuthenticator.sharedSecret(auth.jwtSecret().get().getBytes(StandardCharsets.UTF_8), policy);
            }
            if (auth.jwtPublicKey().isPresent()) {
                return NimbusJwtAuthenticator.publicKey(readKeyFile(auth.jwtPublicKey().get()), policy);
            }
            return NimbusJwtAuthenticator.jwks(uri(auth.jwksUrl().orElseThrow(), "auth.jwks-url").toURL(), policy);
        } catch (IllegalArgumentException | MalformedURLException e) {
            // the authenticator's messages never contain the key material
            String key = auth.jwtSecret().isPresent() ? "auth.jwt-secret" : auth.jwtPublicKey().isPresent() ? "auth.jwt-public-key"
                    : "auth.jwks-url";
            throw new ConfigException(describe(key) + ": " + e.getMessage());
        }
    }

    private static String readKeyFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(describe("auth.jwt-public-key") + " names " + path + ", which cannot be read as a PEM file");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(describe("http.host") + " names the unknown host '" + host + "'");
        }
    }

    private AppConfig.Rag rag(AppConfig.Llm llm) {
        ConfigProperties.Rag rag = keys.rag();
        if (rag.chunkOverlap() >= rag.chunkSize()) {
            throw new ConfigException(describe("rag.chunk-overlap") + " must be smaller than " + describe("rag.chunk-size"));
        }
        return new AppConfig.Rag(rag.chunkSize(), rag.chunkOverlap(), rag.maxDocumentBytes(), rag.embedAtIngestion(),
                embedding(), externalRetriever(), translation(llm));
    }

    private Optional<EmbeddingConfig> embedding() {
        ConfigProperties.Embedding embedding = keys.rag().embedding();
        if (embedding.modelPath().isPresent()) {
            if (embedding.baseUrl().isPresent()) {
                throw new ConfigException("set only one of " + describe("rag.embedding.model-path") + " and "
                        + describe("rag.embedding.base-url"));
            }
            return Optional.of(new EmbeddingConfig.OnnxDirectory(embedding.modelPath().get()));
        }
        if (embedding.baseUrl().isEmpty()) {
            return Optional.empty();
        }
        String model = embedding.model().orElseThrow(() -> new ConfigException(describe("rag.embedding.base-url")
                + " is set, so " + describe("rag.embedding.model") + " must name the embedding model"));
        return Optional.of(new EmbeddingConfig.OpenAiCompatible(uri(embedding.baseUrl().get(), "rag.embedding.base-url"), model,
                embedding.apiKey(), Duration.ofSeconds(embedding.timeoutSeconds())));
    }

    private Optional<HttpRetrieverConfig> externalRetriever() {
        ConfigProperties.RagHttp http = keys.rag().http();
        return switch (keys.rag().retriever()) {
            case BUILTIN -> Optional.empty();
            case HTTP -> {
                String endpoint = http.endpoint().orElseThrow(() -> new ConfigException(describe("rag.retriever")
                        + " is http, so " + describe("rag.http.endpoint") + " must be set"));
                Duration timeout = Duration.ofSeconds(http.timeoutSeconds());
                yield Optional.of(new HttpRetrieverConfig(uri(endpoint, "rag.http.endpoint"), http.apiKey(),
                        timeout, timeout));
            }
        };
    }

    /**
     * Translation needs a real model: with only the offline provider (or offline chosen for it) questions are
     * searched as they are.
     */
    private Optional<QueryTranslationConfig> translation(AppConfig.Llm llm) {
        ConfigProperties.Translation translation = keys.rag().translation();
        Optional<String> provider = translation.provider();
        List<String> names = llm.providers().stream().map(ProviderConfig::name).toList();
        if (provider.isPresent() && !provider.get().equals("offline") && !names.contains(provider.get())) {
            throw new ConfigException(describe("rag.translation.provider") + " is '" + provider.get()
                    + "', but the configured providers are: offline" + (names.isEmpty() ? "" : ", " + String.join(", ", names)));
        }
        String asked = provider.or(llm::defaultProvider).orElse(names.isEmpty() ? "offline" : names.getFirst());
        if (!translation.enabled() || asked.equals("offline")) {
            return Optional.empty();
        }
        return Optional.of(QueryTranslationConfig.defaults().withTimeout(Duration.ofMillis(translation.timeoutMs()))
                .withLlm(Optional.of(asked), translation.model()));
    }

    /** The local engine is the default when it is installed; an HTTP provider is configured by its key or URL. */
    private AppConfig.Tts tts() {
        ConfigProperties.Tts tts = keys.tts();
        ConfigProperties.Espeak local = tts.espeak();
        TtsConfig.Espeak espeak;
        try {
            espeak = new TtsConfig.Espeak(local.binary(), local.lameBinary(), local.voice(), local.mp3Bitrate(), local.wordsPerMinute());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the local text-to-speech engine is misconfigured: " + e.getMessage());
        }
        TtsProvider provider = tts.provider()
                .orElse(TtsConfig.isInstalled(espeak.binary()) ? TtsProvider.ESPEAK : TtsProvider.NONE);
        TtsConfig config = new TtsConfig(provider == TtsProvider.NONE ? Optional.empty()
                : Optional.of(provider.name().toLowerCase(Locale.ROOT)), espeak, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(tts.timeoutSeconds()));
        ConfigProperties.TtsOpenAi openAi = tts.openai();
        if (openAi.apiKey().isPresent() || openAi.baseUrl().isPresent()) {
            config = config.withOpenAi(new TtsConfig.OpenAi(uri(openAi.baseUrl().orElse(OPENAI_URL), "tts.openai.base-url"),
                    openAi.apiKey(), openAi.model(), openAi.voice()));
        }
        ConfigProperties.ElevenLabs elevenLabs = tts.elevenlabs();
        if (elevenLabs.apiKey().isPresent()) {
            config = config.withElevenLabs(new TtsConfig.ElevenLabs(uri(elevenLabs.baseUrl(), "tts.elevenlabs.base-url"),
                    elevenLabs.apiKey().get(), elevenLabs.model(), elevenLabs.voiceId()));
        }
        if (provider == TtsProvider.OPENAI && config.openAi().isEmpty()) {
            throw new ConfigException(describe("tts.provider") + " is 'openai', but it is not configured: set "
                    + env("tts.openai.api-key") + " or " + env("tts.openai.base-url"));
        }
        if (provider == TtsProvider.ELEVENLABS && config.elevenLabs().isEmpty()) {
            throw new ConfigException(describe("tts.provider") + " is 'elevenlabs', but it is not configured: set "
                    + env("tts.elevenlabs.api-key"));
        }
        AudioSettings audio = new AudioSettings(tts.lookaheadSentences(), tts.maxSentenceChars(), AudioSettings.defaults().finishTimeout());
        return new AppConfig.Tts(config, audio);
    }

    private AppConfig.Llm llm() {
        ConfigProperties.Llm llm = keys.llm();
        LlmTimeouts timeouts = new LlmTimeouts(Duration.ofSeconds(llm.connectTimeoutSeconds()),
                Duration.ofSeconds(llm.firstTokenTimeoutSeconds()), Duration.ofSeconds(llm.idleTimeoutSeconds()),
                Duration.ofSeconds(llm.overallTimeoutSeconds()));
        List<ProviderConfig> providers = new ArrayList<>();
        ConfigProperties.OpenAi openAi = keys.openai();
        if (openAi.apiKey().isPresent() || openAi.baseUrl().isPresent()) {
            providers.add(provider("openai", ProviderKind.OPENAI, openAi.baseUrl().orElse(OPENAI_URL), "openai.base-url",
                    openAi.apiKey(), openAi.model(), timeouts));
        }
        ConfigProperties.Anthropic anthropic = keys.anthropic();
        if (anthropic.apiKey().isPresent()) {
            providers.add(provider("anthropic", ProviderKind.ANTHROPIC, anthropic.baseUrl(), "anthropic.base-url",
                    anthropic.apiKey(), anthropic.model(), timeouts));
        }
        ConfigProperties.Ollama ollama = keys.ollama();
        ollama.baseUrl().ifPresent(url -> providers.add(provider("ollama", ProviderKind.OLLAMA, url, "ollama.base-url",
                Optional.empty(), ollama.model(), timeouts)));
        for (String name : llm.extraProviders().orElse(List.of())) {
            String urlKey = "llm." + name + ".base-url";
            Optional<ConfigProperties.NamedProvider> named = Optional.ofNullable(llm.named().get(name));
            String baseUrl = named.flatMap(ConfigProperties.NamedProvider::baseUrl).orElseThrow(() -> new ConfigException(
                    describe("llm.extra-providers") + " names '" + name + "', so " + describe(urlKey) + " must be set"));
            providers.add(provider(name, ProviderKind.OPENAI, baseUrl, urlKey, named.get().apiKey(),
                    named.get().model().orElse(UNNAMED_MODEL), timeouts));
        }
        Optional<String> defaultProvider = llm.provider();
        if (defaultProvider.isPresent() && !defaultProvider.get().equals("offline")
                && providers.stream().noneMatch(p -> p.name().equals(defaultProvider.get()))) {
            List<String> names = providers.stream().map(ProviderConfig::name).toList();
            throw new ConfigException(describe("llm.provider") + " is '" + defaultProvider.get() + "', but "
                    + (names.isEmpty() ? "only the offline provider is configured (set OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY or OLLAMA_BASE_URL)"
                            : "the configured providers are: offline, " + String.join(", ", names)));
        }
        Optional<String> defaultModel = llm.model();
        if (defaultModel.isPresent() && !providers.isEmpty()) {
            String target = defaultProvider.orElse(providers.getFirst().name());
            providers.replaceAll(p -> p.name().equals(target) ? withModel(p, defaultModel.get()) : p);
        }
        return new AppConfig.Llm(List.copyOf(providers), defaultProvider, defaultModel);
    }

    private static ProviderConfig withModel(ProviderConfig p, String model) {
        return new ProviderConfig(p.name(), p.kind(), p.baseUrl(), p.apiKey(), model, p.timeouts(), p.retry(),
                p.maxLineBytes(), p.headers());
    }

    private static ProviderConfig provider(String name, ProviderKind kind, String url, String urlKey,
            Optional<String> key, String model, LlmTimeouts timeouts) {
        try {
            return ProviderConfig.of(name, kind, uri(url, urlKey), key, model).withTimeouts(timeouts);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("provider '" + name + "' is misconfigured: " + e.getMessage());
        }
    }

    private static URI uri(String value, String key) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(describe(key) + " must be an absolute http(s) URL, was '" + Redaction.url(value) + "'");
        }
    }

    private String host() {
        String host = keys.http().host();
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new ConfigException(describe("http.host") + " must be a host name or IP address, was '" + host + "'");
        }
        return host;
    }

    private String basePath() {
        String path = keys.api().basePath();
        if (!path.matches("(/[A-Za-z0-9._~-]+)*/?")) {
            throw new ConfigException(describe("api.base-path") + " must be a path such as /api (letters, digits, '.', '_', '~', '-'), was '" + path + "'");
        }
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    private static String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new ConfigException(describe("db.url") + " must start with jdbc:postgresql: or jdbc:h2:, was '" + Redaction.url(url) + "'");
        }
        return url;
    }

    private static List<String> origins(Optional<List<String>> origins) {
        return origins.orElse(List.of()).stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }

    private static String describe(String key) {
        return ConfigProblems.describe(key);
    }

    private static String env(String key) {
        return ConfigProblems.env(key);
    }
}
