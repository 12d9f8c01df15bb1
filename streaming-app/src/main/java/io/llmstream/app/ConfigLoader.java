package io.llmstream.app;

import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.WebSocketSettings;
import io.llmstream.http.jersey.security.Authenticator;
import io.llmstream.http.jersey.security.Bucket4jRateLimiter;
import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import io.llmstream.http.jersey.security.RateLimiter;
import static io.llmstream.app.ConfigKey.*;

import io.llmstream.adapter.llm.config.LlmTimeouts;
import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import io.llmstream.adapter.rag.http.HttpRetrieverConfig;
import io.llmstream.adapter.rag.translation.QueryTranslationConfig;
import io.llmstream.adapter.tts.TtsConfig;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.model.SearchToolConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the {@link AppConfig} with SmallRye Config from, highest priority first: explicit overrides
 * (tests), system properties, environment variables, the optional properties file named by
 * {@code CONFIG_FILE} (or {@code ./application.properties} when it exists), then the defaults of
 * {@link ConfigKey}. A wrong value is a {@link ConfigException} naming the key.
 */
final class ConfigLoader {

    private final SmallRyeConfig config;

    private ConfigLoader(SmallRyeConfig config) {
        this.config = config;
    }

    static AppConfig load(Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources()
                .withSources(new PropertiesConfigSource(overrides, "overrides", 1_000));
        configFile(overrides).ifPresent(file -> builder.withSources(fileSource(file)));
        return new ConfigLoader(builder.build()).build();
    }

    private static Optional<Path> configFile(Map<String, String> overrides) {
        String named = overrides.getOrDefault("config.file", System.getenv("CONFIG_FILE"));
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
        AppConfig.Http http = new AppConfig.Http(host(), intIn(HTTP_PORT, 0, 65_535), basePath(),
                longIn(HTTP_MAX_BODY_BYTES, 1_024, Long.MAX_VALUE), longIn(HTTP_MAX_UPLOAD_BYTES, 1_024, Long.MAX_VALUE),
                intIn(HTTP_MAX_MESSAGE_LENGTH, 1, 1_000_000), seconds(HTTP_BODY_TIMEOUT_SECONDS, 1),
                WebSocketSettings.defaults().withMaxFrameBytes(intIn(WS_MAX_FRAME_BYTES, 256, 16 * 1024 * 1024))
                        .withMaxQueuedFrames(intIn(WS_MAX_QUEUED_FRAMES, 1, 1_000_000))
                        .withMaxMessagesPerSecond(intIn(WS_MAX_MESSAGES_PER_SECOND, 1, 100_000))
                        .withAllowedOrigins(origins(WS_ALLOWED_ORIGINS)), origins(CORS_ALLOWED_ORIGINS));
        Path dataDir = Path.of(text(DATA_DIR).orElse(DATA_DIR.defaultValue()));
        AppConfig.Database database = new AppConfig.Database(text(DB_URL).map(this::jdbcUrl), text(DB_USER).orElse(""),
                text(DB_PASSWORD).orElse(""), intIn(DB_POOL_SIZE, 1, 1_000));
        AppConfig.Writer writer = new AppConfig.Writer(intIn(PERSISTENCE_WRITER_LANES, 1, 64),
                intIn(PERSISTENCE_QUEUE_CAPACITY, 1, 10_000_000), seconds(PERSISTENCE_DRAIN_SECONDS, 0),
                longIn(PERSISTENCE_JOURNAL_MAX_BYTES, 1_024, Long.MAX_VALUE));
        StreamingSettings streaming = new StreamingSettings(intIn(STREAMING_CHUNK_SIZE, 1, 1_000_000),
                Duration.ofMillis(intIn(STREAMING_MAX_CHUNK_DELAY_MS, 0, 60_000)), intIn(STREAMING_HISTORY_MESSAGES, 0, 10_000),
                intIn(STREAMING_HISTORY_CHARS, 0, 10_000_000), seconds(STREAMING_MAX_DURATION_SECONDS, 0),
                intIn(STREAMING_MAX_ANSWER_CHARS, 0, Integer.MAX_VALUE), seconds(STREAM_DETACH_GRACE_SECONDS, 0),
                intIn(STREAM_PAUSE_BUFFER_EVENTS, 1, 1_000_000), seconds(STREAM_PAUSE_MAX_SECONDS, 0));
        AppConfig.StreamLog streamLog = new AppConfig.StreamLog(seconds(STREAM_RETENTION_SECONDS, 10),
                intIn(STREAM_LOG_MAX_EVENTS, 1, 10_000_000), redis(database));
        AppConfig.Llm llm = llm();
        AppConfig.Rag rag = new AppConfig.Rag(intIn(RAG_CHUNK_SIZE, 100, 100_000), intIn(RAG_CHUNK_OVERLAP, 0, 50_000),
                longIn(RAG_MAX_DOCUMENT_BYTES, 1, Long.MAX_VALUE), bool(RAG_EMBED_AT_INGESTION), embedding(), externalRetriever(),
                translation(llm));
        if (rag.chunkOverlap() >= rag.chunkSize()) {
            throw new ConfigException(describe(RAG_CHUNK_OVERLAP) + " must be smaller than " + describe(RAG_CHUNK_SIZE));
        }
        return new AppConfig(http, dataDir, database, writer, llm, streaming, streamLog, seconds(STREAMING_HEARTBEAT_SECONDS, 1),
                rag, tts(), seconds(SHUTDOWN_GRACE_SECONDS, 0), security(http.host()));
    }

    /** stream.engine=redis needs a database every node shares: the embedded one is this process's alone. */
    private Optional<AppConfig.Redis> redis(AppConfig.Database database) {
        String engine = text(STREAM_ENGINE).orElse(STREAM_ENGINE.defaultValue()).toLowerCase(java.util.Locale.ROOT);
        if (engine.equals("memory")) {
            return Optional.empty();
        }
        if (!engine.equals("redis")) {
            throw new ConfigException(describe(STREAM_ENGINE) + " must be memory or redis, was '" + engine + "'");
        }
        if (database.url().isEmpty() || database.url().get().startsWith("jdbc:h2:")) {
            throw new ConfigException(describe(STREAM_ENGINE) + " is redis, but the database is the embedded H2 of this process: "
                    + "several nodes must store their answers in one shared database. Set " + DB_URL.env()
                    + " to a PostgreSQL URL (jdbc:postgresql://host:5432/db), or use " + STREAM_ENGINE.env() + "=memory for one node");
        }
        String url = text(REDIS_URL).orElse(REDIS_URL.defaultValue());
        if (!url.matches("rediss?://.+")) {
            throw new ConfigException(describe(REDIS_URL) + " must start with redis:// or rediss://, was '" + url.replaceAll("//[^@/]*@", "//***@") + "'");
        }
        String node = text(NODE_ID).orElseGet(ConfigLoader::defaultNodeId);
        if (!node.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new ConfigException(describe(NODE_ID) + " must be 1 to 100 letters, digits, '.', '_', ':' or '-', was '" + node + "'");
        }
        return Optional.of(new AppConfig.Redis(url, text(REDIS_KEY_PREFIX).orElse(REDIS_KEY_PREFIX.defaultValue()), node,
                seconds(STREAM_LEASE_SECONDS, 2)));
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Exactly one of secret, public key and JWKS URL turns JWT on; none is the local mode, allowed only on a
     * loopback address unless AUTH_DISABLED=true says so explicitly.
     */
    private AppConfig.Security security(String host) {
        Optional<String> secret = text(AUTH_JWT_SECRET);
        Optional<String> publicKey = text(AUTH_JWT_PUBLIC_KEY);
        Optional<String> jwksUrl = text(AUTH_JWKS_URL);
        long sources = java.util.stream.Stream.of(secret, publicKey, jwksUrl).filter(Optional::isPresent).count();
        if (sources > 1) {
            throw new ConfigException("set only one of " + describe(AUTH_JWT_SECRET) + ", " + describe(AUTH_JWT_PUBLIC_KEY)
                    + " and " + describe(AUTH_JWKS_URL));
        }
        AppConfig.AuthMode mode = bool(AUTH_DISABLED) ? AppConfig.AuthMode.DISABLED
                : sources == 1 ? AppConfig.AuthMode.JWT : AppConfig.AuthMode.LOCAL;
        if (mode == AppConfig.AuthMode.LOCAL && !isLoopback(host)) {
            throw new ConfigException(describe(HTTP_HOST) + " is '" + host + "', which is not a loopback address, and no "
                    + "authentication is configured. Set " + AUTH_JWT_SECRET.env() + " (HS256), " + AUTH_JWT_PUBLIC_KEY.env()
                    + " (a PEM file for RS256/ES256) or " + AUTH_JWKS_URL.env() + ", or bind to 127.0.0.1, or set "
                    + AUTH_DISABLED.env() + "=true to serve every caller as one user without authentication");
        }
        Authenticator authenticator = mode == AppConfig.AuthMode.JWT ? jwt(secret, publicKey, jwksUrl) : Authenticator.localUser();
        int perMinute = intIn(RATE_LIMIT_PER_MINUTE, 0, 1_000_000);
        RateLimiter limiter = perMinute == 0 ? RateLimiter.UNLIMITED
                : mode == AppConfig.AuthMode.JWT ? Bucket4jRateLimiter.perUser(perMinute) : Bucket4jRateLimiter.perClientAddress(perMinute);
        HttpSettings.FieldLimits fields = new HttpSettings.FieldLimits(intIn(HTTP_MAX_ROLE_LENGTH, 1, Character.MAX_ROLE_LENGTH),
                intIn(HTTP_MAX_TITLE_LENGTH, 1, KnowledgeDocument.MAX_TITLE_LENGTH),
                intIn(HTTP_MAX_SYSTEM_PROMPT_LENGTH, 1, Character.MAX_SYSTEM_PROMPT_LENGTH),
                intIn(HTTP_MAX_TOP_K, 1, SearchToolConfig.MAX_TOP_K));
        return new AppConfig.Security(mode, authenticator, limiter, perMinute, intIn(STREAMS_PER_USER_MAX, 1, 100_000),
                intIn(STREAMS_MAX, 1, 10_000_000), fields);
    }

    private Authenticator jwt(Optional<String> secret, Optional<String> publicKey, Optional<String> jwksUrl) {
        JwtPolicy policy = JwtPolicy.defaults().withUserClaim(text(AUTH_USER_CLAIM).orElse(AUTH_USER_CLAIM.defaultValue()))
                .withClockSkew(Duration.ofSeconds(intIn(AUTH_CLOCK_SKEW_SECONDS, 0, 300)));
        policy = text(AUTH_ISSUER).map(policy::withIssuer).orElse(policy);
        policy = text(AUTH_AUDIENCE).map(policy::withAudience).orElse(policy);
        try {
            if (secret.isPresent()) {
                return NimbusJwtAuthenticator.sharedSecret(secret.get().getBytes(StandardCharsets.UTF_8), policy);
            }
            if (publicKey.isPresent()) {
                return NimbusJwtAuthenticator.publicKey(readKeyFile(publicKey.get()), policy);
            }
            return NimbusJwtAuthenticator.jwks(uri(jwksUrl.orElseThrow(), AUTH_JWKS_URL).toURL(), policy);
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            // the authenticator's messages never contain the key material
            ConfigKey key = secret.isPresent() ? AUTH_JWT_SECRET : publicKey.isPresent() ? AUTH_JWT_PUBLIC_KEY : AUTH_JWKS_URL;
            throw new ConfigException(describe(key) + ": " + e.getMessage());
        }
    }

    private static String readKeyFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(describe(AUTH_JWT_PUBLIC_KEY) + " names " + path + ", which cannot be read as a PEM file");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(describe(HTTP_HOST) + " names the unknown host '" + host + "'");
        }
    }

    private Optional<EmbeddingConfig> embedding() {
        Optional<String> url = text(RAG_EMBEDDING_BASE_URL);
        Optional<String> modelPath = text(RAG_EMBEDDING_MODEL_PATH);
        if (modelPath.isPresent()) {
            if (url.isPresent()) {
                throw new ConfigException("set only one of " + describe(RAG_EMBEDDING_MODEL_PATH) + " and "
                        + describe(RAG_EMBEDDING_BASE_URL));
            }
            return Optional.of(new EmbeddingConfig.OnnxDirectory(Path.of(modelPath.get())));
        }
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String model = text(RAG_EMBEDDING_MODEL).orElseThrow(() -> new ConfigException(describe(RAG_EMBEDDING_BASE_URL)
                + " is set, so " + describe(RAG_EMBEDDING_MODEL) + " must name the embedding model"));
        return Optional.of(new EmbeddingConfig.OpenAiCompatible(uri(url.get(), RAG_EMBEDDING_BASE_URL), model,
                text(RAG_EMBEDDING_API_KEY), seconds(RAG_EMBEDDING_TIMEOUT_SECONDS, 1)));
    }

    private Optional<HttpRetrieverConfig> externalRetriever() {
        String kind = text(RAG_RETRIEVER).orElse(RAG_RETRIEVER.defaultValue());
        switch (kind) {
            case "builtin" -> {
                return Optional.empty();
            }
            case "http" -> {
                String endpoint = text(RAG_HTTP_ENDPOINT).orElseThrow(() -> new ConfigException(describe(RAG_RETRIEVER)
                        + " is http, so " + describe(RAG_HTTP_ENDPOINT) + " must be set"));
                Duration timeout = seconds(RAG_HTTP_TIMEOUT_SECONDS, 1);
                return Optional.of(new HttpRetrieverConfig(uri(endpoint, RAG_HTTP_ENDPOINT), text(RAG_HTTP_API_KEY),
                        timeout, timeout));
            }
            default -> throw new ConfigException(describe(RAG_RETRIEVER) + " must be builtin or http, was '" + kind + "'");
        }
    }

    /**
     * Translation needs a real model: with only the offline provider (or offline chosen for it) questions are
     * searched as they are.
     */
    private Optional<QueryTranslationConfig> translation(AppConfig.Llm llm) {
        Optional<String> provider = text(RAG_TRANSLATION_PROVIDER);
        List<String> names = llm.providers().stream().map(ProviderConfig::name).toList();
        if (provider.isPresent() && !provider.get().equals("offline") && !names.contains(provider.get())) {
            throw new ConfigException(describe(RAG_TRANSLATION_PROVIDER) + " is '" + provider.get()
                    + "', but the configured providers are: offline" + (names.isEmpty() ? "" : ", " + String.join(", ", names)));
        }
        String asked = provider.or(llm::defaultProvider).orElse(names.isEmpty() ? "offline" : names.getFirst());
        Duration timeout = Duration.ofMillis(longIn(RAG_TRANSLATION_TIMEOUT_MS, 100, 60_000));
        if (!bool(RAG_TRANSLATION_ENABLED) || asked.equals("offline")) {
            return Optional.empty();
        }
        return Optional.of(QueryTranslationConfig.defaults().withTimeout(timeout).withLlm(Optional.of(asked),
                text(RAG_TRANSLATION_MODEL)));
    }

    private boolean bool(ConfigKey key) {
        String raw = text(key).orElse(key.defaultValue());
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(describe(key) + " must be true or false, was '" + raw + "'");
        };
    }

    /** The local engine is the default when it is installed; an HTTP provider is configured by its key or URL. */
    private AppConfig.Tts tts() {
        TtsConfig.Espeak espeak;
        try {
            espeak = new TtsConfig.Espeak(text(TTS_ESPEAK_BINARY).orElse(TTS_ESPEAK_BINARY.defaultValue()),
                    text(TTS_ESPEAK_LAME_BINARY).orElse(TTS_ESPEAK_LAME_BINARY.defaultValue()),
                    text(TTS_ESPEAK_VOICE).orElse(TTS_ESPEAK_VOICE.defaultValue()), intIn(TTS_ESPEAK_MP3_BITRATE, 8, 320),
                    intIn(TTS_ESPEAK_WORDS_PER_MINUTE, 80, 450));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the local text-to-speech engine is misconfigured: " + e.getMessage());
        }
        String provider = text(TTS_PROVIDER).orElse(TtsConfig.isInstalled(espeak.binary()) ? TtsConfig.ESPEAK : "none");
        if (!List.of("none", TtsConfig.ESPEAK, TtsConfig.OPENAI, TtsConfig.ELEVENLABS).contains(provider)) {
            throw new ConfigException(describe(TTS_PROVIDER) + " must be espeak, openai, elevenlabs or none, was '" + provider + "'");
        }
        Duration timeout = seconds(TTS_TIMEOUT_SECONDS, 1);
        TtsConfig config = new TtsConfig(provider.equals("none") ? Optional.empty() : Optional.of(provider), espeak,
                Optional.empty(), Optional.empty(), Duration.ofSeconds(10), timeout);
        Optional<String> openAiKey = text(TTS_OPENAI_API_KEY);
        Optional<String> openAiUrl = text(TTS_OPENAI_BASE_URL);
        if (openAiKey.isPresent() || openAiUrl.isPresent()) {
            config = config.withOpenAi(new TtsConfig.OpenAi(uri(openAiUrl.orElse("https://api.openai.com/v1"), TTS_OPENAI_BASE_URL),
                    openAiKey, text(TTS_OPENAI_MODEL).orElse(TTS_OPENAI_MODEL.defaultValue()),
                    text(TTS_OPENAI_VOICE).orElse(TTS_OPENAI_VOICE.defaultValue())));
        }
        Optional<String> elevenLabsKey = text(TTS_ELEVENLABS_API_KEY);
        if (elevenLabsKey.isPresent()) {
            config = config.withElevenLabs(new TtsConfig.ElevenLabs(uri(text(TTS_ELEVENLABS_BASE_URL)
                    .orElse(TTS_ELEVENLABS_BASE_URL.defaultValue()), TTS_ELEVENLABS_BASE_URL), elevenLabsKey.get(),
                    text(TTS_ELEVENLABS_MODEL).orElse(TTS_ELEVENLABS_MODEL.defaultValue()),
                    text(TTS_ELEVENLABS_VOICE_ID).orElse(TTS_ELEVENLABS_VOICE_ID.defaultValue())));
        }
        if ((provider.equals(TtsConfig.OPENAI) && config.openAi().isEmpty())
                || (provider.equals(TtsConfig.ELEVENLABS) && config.elevenLabs().isEmpty())) {
            throw new ConfigException(describe(TTS_PROVIDER) + " is '" + provider + "', but it is not configured: set "
                    + (provider.equals(TtsConfig.OPENAI) ? TTS_OPENAI_API_KEY.env() + " or " + TTS_OPENAI_BASE_URL.env()
                            : TTS_ELEVENLABS_API_KEY.env()));
        }
        AudioSettings audio = new AudioSettings(intIn(TTS_LOOKAHEAD_SENTENCES, 1, 16), intIn(TTS_MAX_SENTENCE_CHARS, 20, 2_000),
                AudioSettings.defaults().finishTimeout());
        return new AppConfig.Tts(config, audio);
    }

    private AppConfig.Llm llm() {
        LlmTimeouts timeouts = new LlmTimeouts(seconds(LLM_CONNECT_TIMEOUT, 1), seconds(LLM_FIRST_TOKEN_TIMEOUT, 1),
                seconds(LLM_IDLE_TIMEOUT, 1), seconds(LLM_OVERALL_TIMEOUT, 1));
        List<ProviderConfig> providers = new ArrayList<>();
        Optional<String> openAiKey = text(OPENAI_API_KEY);
        Optional<String> openAiUrl = text(OPENAI_BASE_URL);
        if (openAiKey.isPresent() || openAiUrl.isPresent()) {
            providers.add(provider("openai", ProviderKind.OPENAI, openAiUrl.orElse("https://api.openai.com/v1"),
                    OPENAI_BASE_URL, openAiKey, text(OPENAI_MODEL).orElse(OPENAI_MODEL.defaultValue()), timeouts));
        }
        Optional<String> anthropicKey = text(ANTHROPIC_API_KEY);
        if (anthropicKey.isPresent()) {
            providers.add(provider("anthropic", ProviderKind.ANTHROPIC, text(ANTHROPIC_BASE_URL).orElse(ANTHROPIC_BASE_URL.defaultValue()),
                    ANTHROPIC_BASE_URL, anthropicKey, text(ANTHROPIC_MODEL).orElse(ANTHROPIC_MODEL.defaultValue()), timeouts));
        }
        text(OLLAMA_BASE_URL).ifPresent(url -> providers.add(provider("ollama", ProviderKind.OLLAMA, url, OLLAMA_BASE_URL,
                Optional.empty(), text(OLLAMA_MODEL).orElse(OLLAMA_MODEL.defaultValue()), timeouts)));
        for (String name : text(LLM_EXTRA_PROVIDERS).map(s -> s.split(",")).orElse(new String[0])) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            ConfigKey url = new ConfigKey("llm." + trimmed + ".base-url", "", "");
            String baseUrl = text(url).orElseThrow(() -> new ConfigException(describe(LLM_EXTRA_PROVIDERS) + " names '"
                    + trimmed + "', so " + describe(url) + " must be set"));
            providers.add(provider(trimmed, ProviderKind.OPENAI, baseUrl, url,
                    text(new ConfigKey("llm." + trimmed + ".api-key", "", "")),
                    text(new ConfigKey("llm." + trimmed + ".model", "", "")).orElse("default"), timeouts));
        }
        Optional<String> defaultProvider = text(LLM_PROVIDER);
        if (defaultProvider.isPresent() && !defaultProvider.get().equals("offline")
                && providers.stream().noneMatch(p -> p.name().equals(defaultProvider.get()))) {
            List<String> names = providers.stream().map(ProviderConfig::name).toList();
            throw new ConfigException(describe(LLM_PROVIDER) + " is '" + defaultProvider.get() + "', but "
                    + (names.isEmpty() ? "only the offline provider is configured (set OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY or OLLAMA_BASE_URL)"
                            : "the configured providers are: offline, " + String.join(", ", names)));
        }
        Optional<String> defaultModel = text(LLM_MODEL);
        if (defaultModel.isPresent() && !providers.isEmpty()) {
            String target = defaultProvider.orElse(providers.get(0).name());
            providers.replaceAll(p -> p.name().equals(target) ? withModel(p, defaultModel.get()) : p);
        }
        return new AppConfig.Llm(List.copyOf(providers), defaultProvider, defaultModel);
    }

    private static ProviderConfig withModel(ProviderConfig p, String model) {
        return new ProviderConfig(p.name(), p.kind(), p.baseUrl(), p.apiKey(), model, p.timeouts(), p.retry(),
                p.maxLineBytes(), p.headers());
    }

    private ProviderConfig provider(String name, ProviderKind kind, String url, ConfigKey urlKey, Optional<String> key,
            String model, LlmTimeouts timeouts) {
        try {
            return ProviderConfig.of(name, kind, uri(url, urlKey), key, model).withTimeouts(timeouts);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("provider '" + name + "' is misconfigured: " + e.getMessage());
        }
    }

    private URI uri(String value, ConfigKey key) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(describe(key) + " must be an absolute http(s) URL, was '" + value + "'");
        }
    }

    private String host() {
        String host = text(HTTP_HOST).orElse(HTTP_HOST.defaultValue());
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new ConfigException(describe(HTTP_HOST) + " must be a host name or IP address, was '" + host + "'");
        }
        return host;
    }

    private String basePath() {
        String path = text(API_BASE_PATH).orElse(API_BASE_PATH.defaultValue());
        if (!path.matches("(/[A-Za-z0-9._~-]+)*/?")) {
            throw new ConfigException(describe(API_BASE_PATH) + " must be a path such as /api (letters, digits, '.', '_', '~', '-'), was '" + path + "'");
        }
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    private String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new ConfigException(describe(DB_URL) + " must start with jdbc:postgresql: or jdbc:h2:, was '"
                    + url.replaceAll("password=[^&;]*", "password=***") + "'");
        }
        return url;
    }

    private List<String> origins(ConfigKey key) {
        return text(key).map(origins -> java.util.Arrays.stream(origins.split(","))
                .map(String::strip).filter(origin -> !origin.isEmpty()).toList()).orElse(List.of());
    }

    private Optional<String> text(ConfigKey key) {
        return config.getOptionalValue(key.name(), String.class).map(String::strip).filter(v -> !v.isEmpty());
    }

    private long longIn(ConfigKey key, long min, long max) {
        String raw = text(key).orElse(key.defaultValue());
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(key) + " must be a whole number between " + min + " and " + max + ", was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(describe(key) + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private int intIn(ConfigKey key, int min, int max) {
        return (int) longIn(key, min, max);
    }

    private Duration seconds(ConfigKey key, int min) {
        return Duration.ofSeconds(longIn(key, min, 31_536_000));
    }

    private static String describe(ConfigKey key) {
        return key.env() + " (" + key.name() + ")";
    }
}
