package io.llmstream.app;

import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.http.jersey.WebSocketSettings;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the {@link AppConfig} once at start: SmallRye Config maps, converts and range-checks the keys of
 * {@link ConfigProperties} ({@link ConfigProblems} words what it rejects); this class, {@link ConfigSecurity} and
 * {@link ConfigProviders} then apply the rules that span several keys and build the adapters' settings. Sources,
 * highest priority first: the properties given (system properties), the environment given, the properties file
 * named by {@code config.file} / {@code CONFIG_FILE} (else {@code ./application.properties} when it exists), the
 * mapping's defaults.
 */
final class ConfigLoader {

    private final ConfigProperties keys;

    private ConfigLoader(ConfigProperties keys) {
        this.keys = keys;
    }

    /** The server's configuration from this JVM's system properties and the process environment. */
    static AppConfig fromEnvironment() {
        Map<String, String> systemProperties = new HashMap<>();
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
        nameExtraProviderKeys(builder);
        SmallRyeConfig config = builder.build();
        try {
            ConfigMappings.registerConfigMappings(config, Set.of(ConfigMappings.ConfigClass.configClass(ConfigProperties.class, "")));
        } catch (ConfigValidationException e) {
            throw ConfigProblems.of(e, config);
        }
        return new ConfigLoader(config.getConfigMapping(ConfigProperties.class)).build();
    }

    /**
     * An environment variable cannot say whether LLM_MY_VLLM_BASE_URL is llm.my-vllm.base-url or llm.my.vllm.base-url;
     * naming each extra provider's key (with no value) lets SmallRye find the map entries of llm.<name>.*.
     */
    private static void nameExtraProviderKeys(SmallRyeConfigBuilder builder) {
        builder.build().getOptionalValues("llm.extra-providers", String.class).orElse(List.of()).stream()
                .map(String::strip).filter(name -> !name.isEmpty())
                .forEach(name -> builder.withDefaultValue("llm." + name + ".base-url", ""));
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
        ConfigProviders providers = new ConfigProviders(keys);
        AppConfig.Llm llm = providers.llm();
        return new AppConfig(server, keys.data().dir(), database, writer, llm, streaming(), streamLog,
                Duration.ofSeconds(keys.streaming().heartbeatSeconds()), providers.rag(llm), providers.tts(),
                Duration.ofSeconds(keys.shutdown().graceSeconds()), new ConfigSecurity(keys).security(server.host()));
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
