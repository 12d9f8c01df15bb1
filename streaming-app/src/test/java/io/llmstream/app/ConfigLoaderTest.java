package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void shouldStartFromDocumentedDefaultsWithTheOfflineProvider() {
        AppConfig config = ConfigLoader.load(Map.of());

        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().basePath()).isEqualTo("/api");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.database().url()).isEmpty();
        assertThat(config.llm().providers()).isEmpty();
        assertThat(config.streaming().chunkSize()).isEqualTo(1);
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void shouldConfigureTheProvidersWhoseKeysOrUrlsAreSet() {
        AppConfig config = ConfigLoader.load(Map.of("openai.api-key", "sk-1", "ollama.base-url", "http://127.0.0.1:11434",
                "llm.extra-providers", "vllm", "llm.vllm.base-url", "http://127.0.0.1:8000/v1", "llm.provider", "vllm",
                "llm.model", "qwen"));

        assertThat(config.llm().providers()).extracting(ProviderConfig::name).containsExactly("openai", "ollama", "vllm");
        assertThat(config.llm().providers().get(0).baseUrl()).hasToString("https://api.openai.com/v1");
        assertThat(config.llm().providers().get(2).defaultModel()).isEqualTo("qwen");
        assertThat(config.llm().defaultProvider()).contains("vllm");
    }

    @Test
    void shouldNameTheKeyAndSayAWholeNumberIsExpectedForText() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http.port", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessage("HTTP_PORT (http.port) must be a whole number, was 'eighty'");
    }

    @Test
    void shouldNameTheKeyAndItsRangeForANumberOutsideIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http.port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessage("HTTP_PORT (http.port) must be between 0 and 65535, was '70000'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("streaming.chunk-size", "0")))
                .hasMessageStartingWith("STREAMING_CHUNK_SIZE (streaming.chunk-size) must be between 1 and");
    }

    @Test
    void shouldNameTheKeyAndTheAllowedValuesForAnUnknownChoice() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("tts.provider", "polly")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("TTS_PROVIDER (tts.provider) must be ")
                .hasMessageContainingAll("espeak", "openai", "elevenlabs", "none").hasMessageEndingWith(", was 'polly'");
    }

    @Test
    void shouldRefuseAnythingButTrueOrFalseForASwitch() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("auth.disabled", "yes")))
                .isInstanceOf(ConfigException.class).hasMessage("AUTH_DISABLED (auth.disabled) must be true or false, was 'yes'");
    }

    @Test
    void shouldListEveryBadValueAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("db.pool-size", "0", "ws.max-frame-bytes", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DB_POOL_SIZE").hasMessageContaining("WS_MAX_FRAME_BYTES");
    }

    @Test
    void shouldReadEnvironmentVariablesIncludingThoseOfExtraProvidersWithHyphenatedNames() {
        AppConfig config = ConfigLoader.load(Map.of(), Map.of("HTTP_PORT", "9090", "LLM_EXTRA_PROVIDERS", "my-vllm,openrouter",
                "LLM_MY_VLLM_BASE_URL", "http://127.0.0.1:8000/v1", "LLM_MY_VLLM_MODEL", "qwen",
                "LLM_OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1", "LLM_OPENROUTER_API_KEY", "sk-or-1"));

        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.llm().providers()).extracting(ProviderConfig::name).containsExactly("my-vllm", "openrouter");
        assertThat(config.llm().providers().get(0).defaultModel()).isEqualTo("qwen");
        assertThat(config.llm().providers().get(1).apiKey()).contains("sk-or-1");
        assertThat(config.llm().providers().get(1).defaultModel()).isEqualTo("default");
    }

    @Test
    void shouldLetAPropertyWinOverTheEnvironment() {
        AppConfig config = ConfigLoader.load(Map.of("http.port", "9091"), Map.of("HTTP_PORT", "9090"));

        assertThat(config.http().port()).isEqualTo(9091);
    }

    @Test
    void shouldRequireTheBaseUrlOfEveryExtraProvider() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("llm.extra-providers", "vllm")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LLM_EXTRA_PROVIDERS (llm.extra-providers) names 'vllm', so LLM_VLLM_BASE_URL (llm.vllm.base-url) must be set");
    }

    @Test
    void shouldRefuseAnUnknownDefaultProviderListingTheConfiguredOnes() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("openai.api-key", "sk-1", "llm.provider", "mistral")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LLM_PROVIDER").hasMessageContaining("openai");
    }

    @Test
    void shouldRefuseAMalformedUrlAndAnUnsupportedDatabaseWithoutEchoingPasswords() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ollama.base-url", "localhost:11434")))
                .hasMessage("OLLAMA_BASE_URL (ollama.base-url) must be an absolute http(s) URL, was 'localhost:11434'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("db.url", "jdbc:mysql://db/x?password=hunter2")))
                .hasMessageContaining("DB_URL").hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldHideThePasswordOfAUrlItRefuses() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("stream.engine", "redis", "db.url", "jdbc:postgresql://h/db",
                "redis.url", "http://user:s3cret@127.0.0.1:6379")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("REDIS_URL (redis.url) must start with redis:// or rediss://, was 'http://***@127.0.0.1:6379'");
    }

    @Test
    void shouldConfigureAnExternalRetrieverAndAnEmbeddingServiceOnlyWithWhatTheyNeed() {
        AppConfig config = ConfigLoader.load(Map.of("rag.retriever", "http", "rag.http.endpoint", "http://127.0.0.1:9200/search",
                "rag.embedding.base-url", "http://127.0.0.1:11434", "rag.embedding.model", "nomic-embed-text"));

        assertThat(config.rag().externalRetriever()).hasValueSatisfying(r -> assertThat(r.endpoint()).hasToString("http://127.0.0.1:9200/search"));
        assertThat(config.rag().embedding()).isPresent();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("rag.retriever", "http"))).hasMessageContaining("RAG_HTTP_ENDPOINT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("rag.retriever", "elastic"))).hasMessageContaining("builtin or http");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("rag.embedding.base-url", "http://127.0.0.1:11434")))
                .hasMessageContaining("RAG_EMBEDDING_MODEL");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("rag.embed-at-ingestion", "yes"))).hasMessageContaining("true or false");
    }

    @Test
    void shouldTranslateQuestionsWithTheDefaultProviderOnlyWhenARealOneIsConfigured() {
        AppConfig withOpenAi = ConfigLoader.load(Map.of("openai.api-key", "sk-1"));
        AppConfig tuned = ConfigLoader.load(Map.of("openai.api-key", "sk-1", "ollama.base-url", "http://127.0.0.1:11434",
                "rag.translation.provider", "ollama", "rag.translation.model", "qwen2.5:3b", "rag.translation.timeout-ms", "800"));

        assertThat(ConfigLoader.load(Map.of()).rag().translation()).as("offline only").isEmpty();
        assertThat(withOpenAi.rag().translation()).hasValueSatisfying(t -> {
            assertThat(t.provider()).contains("openai");
            assertThat(t.model()).isEmpty();
            assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(tuned.rag().translation()).hasValueSatisfying(t -> {
            assertThat(t.provider()).contains("ollama");
            assertThat(t.model()).contains("qwen2.5:3b");
            assertThat(t.timeout()).isEqualTo(Duration.ofMillis(800));
        });
        assertThat(ConfigLoader.load(Map.of("openai.api-key", "sk-1", "rag.translation.enabled", "false")).rag().translation())
                .isEmpty();
        assertThat(ConfigLoader.load(Map.of("openai.api-key", "sk-1", "llm.provider", "offline")).rag().translation())
                .as("offline chosen as the default").isEmpty();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("openai.api-key", "sk-1", "rag.translation.provider", "mistral")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("RAG_TRANSLATION_PROVIDER").hasMessageContaining("openai");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("rag.translation.timeout-ms", "0")))
                .hasMessageContaining("RAG_TRANSLATION_TIMEOUT_MS");
    }

    @Test
    void shouldLoadTheEmbeddingModelFromADirectoryButNotTogetherWithAnEmbeddingService() {
        AppConfig config = ConfigLoader.load(Map.of("rag.embedding.model-path", "/opt/models/multilingual-e5-small"));

        assertThat(config.rag().embedding()).contains(new EmbeddingConfig.OnnxDirectory(Path.of("/opt/models/multilingual-e5-small")));
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("rag.embedding.model-path", "/opt/models/e5",
                "rag.embedding.base-url", "http://127.0.0.1:11434", "rag.embedding.model", "nomic-embed-text")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("RAG_EMBEDDING_MODEL_PATH")
                .hasMessageContaining("RAG_EMBEDDING_BASE_URL");
    }

    @Test
    void shouldReadAPropertiesFileBelowTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("llmstream.properties");
        Files.writeString(file, "http.port=9090\nstreaming.chunk-size=8\n");

        AppConfig config = ConfigLoader.load(Map.of("config.file", file.toString(), "streaming.chunk-size", "4"));

        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.streaming().chunkSize()).isEqualTo(4);
    }

    @Test
    void shouldKeepStreamsInThisProcessUnlessTheRedisEngineIsChosen() {
        AppConfig config = ConfigLoader.load(Map.of());

        assertThat(config.streamLog().redis()).isEmpty();
    }

    @Test
    void shouldReadTheRedisEngineWithASharedDatabase() {
        AppConfig config = ConfigLoader.load(Map.of("stream.engine", "redis", "db.url", "jdbc:postgresql://127.0.0.1:5432/test",
                "redis.url", "redis://:s3cret@127.0.0.1:6380/2", "node.id", "node-a", "redis.key-prefix", "team1:", "stream.lease-seconds", "5"));

        assertThat(config.streamLog().redis()).get().satisfies(redis -> {
            assertThat(redis.url()).isEqualTo("redis://:s3cret@127.0.0.1:6380/2");
            assertThat(redis.nodeId()).isEqualTo("node-a");
            assertThat(redis.keyPrefix()).isEqualTo("team1:");
            assertThat(redis.lease()).hasSeconds(5);
            assertThat(redis.toString()).doesNotContain("s3cret");
        });
    }

    @Test
    void shouldGiveEachNodeADistinctNameByDefault() {
        Map<String, String> redis = Map.of("stream.engine", "redis", "db.url", "jdbc:postgresql://127.0.0.1:5432/test");

        String first = ConfigLoader.load(redis).streamLog().redis().orElseThrow().nodeId();
        String second = ConfigLoader.load(redis).streamLog().redis().orElseThrow().nodeId();

        assertThat(first).isNotEqualTo(second).matches("[A-Za-z0-9._:-]+");
    }

    @Test
    void shouldRefuseTheRedisEngineWithTheEmbeddedDatabaseSayingWhy() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("stream.engine", "redis")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("STREAM_ENGINE (stream.engine) is redis, but the database is the embedded H2")
                .hasMessageContaining("one shared database").hasMessageContaining("DB_URL");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("stream.engine", "redis", "db.url", "jdbc:h2:mem:x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("embedded H2");
    }

    @Test
    void shouldRefuseAnUnknownEngineAndABadNodeId() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("stream.engine", "kafka")))
                .isInstanceOf(ConfigException.class).hasMessage("STREAM_ENGINE (stream.engine) must be memory or redis, was 'kafka'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("stream.engine", "redis", "db.url", "jdbc:postgresql://h/db", "node.id", "a b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NODE_ID (node.id) must be");
    }
}
