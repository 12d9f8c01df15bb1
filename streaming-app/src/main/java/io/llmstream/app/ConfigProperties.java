package io.llmstream.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;
import org.hibernate.validator.constraints.Range;

/**
 * Every configuration key the server reads, as SmallRye Config's typed mapping: the key is the method path in
 * kebab case ({@code http().maxBodyBytes()} is {@code http.max-body-bytes}), the environment variable that key
 * upper-cased with '.' and '-' as '_'. Each default is written here once ({@link WithDefault}; an {@link Optional}
 * has none), each range once ({@link Range}). Secrets ({@code *.api-key}, {@code db.password}, {@code auth.jwt-secret})
 * are plain text that no conversion can reject, so no error message echoes them; URLs are shown through
 * {@link Redaction#url}. {@code docs/configuration.md} documents every key, checked by a test; rules across keys
 * (which provider is configured, which authentication applies) are {@link ConfigLoader}'s and its helpers'.
 * Public only because SmallRye and Hibernate Validator call its methods from their own packages.
 */
@ConfigMapping(prefix = "")
public interface ConfigProperties {

    Http http();

    Api api();

    Data data();

    Db db();

    Persistence persistence();

    Llm llm();

    OpenAi openai();

    Anthropic anthropic();

    Ollama ollama();

    Tts tts();

    Streaming streaming();

    Stream stream();

    Redis redis();

    Node node();

    Rag rag();

    Auth auth();

    RateLimit rateLimit();

    Streams streams();

    Ws ws();

    Cors cors();

    Shutdown shutdown();

    interface Http {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("8080")
        @Range(min = 0, max = 65_535)
        int port();

        @WithDefault("1048576")
        @Range(min = 1_024)
        long maxBodyBytes();

        @WithDefault("10485760")
        @Range(min = 1_024)
        long maxUploadBytes();

        @WithDefault("10")
        @Range(min = 1, max = 31_536_000)
        int bodyTimeoutSeconds();

        @WithDefault("100000")
        @Range(min = 1, max = 1_000_000)
        int maxMessageLength();

        /** The upper bounds are the core's own limits (Character, KnowledgeDocument, SearchToolConfig). */
        @WithDefault("64")
        @Range(min = 1, max = io.llmstream.core.model.Character.MAX_ROLE_LENGTH)
        int maxRoleLength();

        @WithDefault("300")
        @Range(min = 1, max = io.llmstream.core.model.KnowledgeDocument.MAX_TITLE_LENGTH)
        int maxTitleLength();

        @WithDefault("32768")
        @Range(min = 1, max = io.llmstream.core.model.Character.MAX_SYSTEM_PROMPT_LENGTH)
        int maxSystemPromptLength();

        @WithDefault("50")
        @Range(min = 1, max = io.llmstream.core.model.SearchToolConfig.MAX_TOP_K)
        int maxTopK();
    }

    interface Api {
        @WithDefault("/api")
        String basePath();
    }

    interface Data {
        @WithDefault("./data")
        Path dir();
    }

    interface Db {
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();

        @WithDefault("8")
        @Range(min = 1, max = 1_000)
        int poolSize();
    }

    interface Persistence {
        @WithDefault("2")
        @Range(min = 1, max = 64)
        int writerLanes();

        @WithDefault("10000")
        @Range(min = 1, max = 10_000_000)
        int queueCapacity();

        @WithDefault("268435456")
        @Range(min = 1_024)
        long journalMaxBytes();

        @WithDefault("10")
        @Range(min = 0, max = 31_536_000)
        int drainSeconds();
    }

    interface Llm {
        Optional<String> provider();

        Optional<String> model();

        Optional<List<String>> extraProviders();

        /** {@code llm.<name>.*}: the OpenAI-compatible providers named by {@link #extraProviders()}. */
        @WithParentName
        Map<String, NamedProvider> named();

        @WithDefault("10")
        @Range(min = 1, max = 31_536_000)
        int connectTimeoutSeconds();

        @WithDefault("120")
        @Range(min = 1, max = 31_536_000)
        int firstTokenTimeoutSeconds();

        @WithDefault("60")
        @Range(min = 1, max = 31_536_000)
        int idleTimeoutSeconds();

        @WithDefault("600")
        @Range(min = 1, max = 31_536_000)
        int overallTimeoutSeconds();
    }

    interface NamedProvider {
        Optional<String> baseUrl();

        Optional<String> apiKey();

        /** Without a default here: SmallRye does not apply one to a map entry its keys were named for. */
        Optional<String> model();
    }

    interface OpenAi {
        Optional<String> baseUrl();

        Optional<String> apiKey();

        @WithDefault("gpt-4o-mini")
        String model();
    }

    interface Anthropic {
        @WithDefault("https://api.anthropic.com")
        String baseUrl();

        Optional<String> apiKey();

        @WithDefault("claude-3-5-haiku-latest")
        String model();
    }

    interface Ollama {
        Optional<String> baseUrl();

        @WithDefault("llama3.2")
        String model();
    }

    interface Tts {
        Optional<TtsProvider> provider();

        Espeak espeak();

        TtsOpenAi openai();

        ElevenLabs elevenlabs();

        @WithDefault("30")
        @Range(min = 1, max = 31_536_000)
        int timeoutSeconds();

        @WithDefault("2")
        @Range(min = 1, max = 16)
        int lookaheadSentences();

        @WithDefault("240")
        @Range(min = 20, max = 2_000)
        int maxSentenceChars();
    }

    enum TtsProvider { ESPEAK, OPENAI, ELEVENLABS, NONE }

    interface Espeak {
        @WithDefault("espeak-ng")
        String binary();

        @WithDefault("lame")
        String lameBinary();

        @WithDefault("de")
        String voice();

        @WithDefault("64")
        @Range(min = 8, max = 320)
        int mp3Bitrate();

        @WithDefault("175")
        @Range(min = 80, max = 450)
        int wordsPerMinute();
    }

    interface TtsOpenAi {
        Optional<String> baseUrl();

        Optional<String> apiKey();

        @WithDefault("tts-1")
        String model();

        @WithDefault("alloy")
        String voice();
    }

    interface ElevenLabs {
        @WithDefault("https://api.elevenlabs.io")
        String baseUrl();

        Optional<String> apiKey();

        @WithDefault("eleven_multilingual_v2")
        String model();

        @WithDefault("JBFqnCBsd6RMkjVDRZzb")
        String voiceId();
    }

    interface Streaming {
        @WithDefault("1")
        @Range(min = 1, max = 1_000_000)
        int chunkSize();

        @WithDefault("50")
        @Range(min = 0, max = 60_000)
        int maxChunkDelayMs();

        @WithDefault("15")
        @Range(min = 1, max = 31_536_000)
        int heartbeatSeconds();

        @WithDefault("20")
        @Range(min = 0, max = 10_000)
        int historyMessages();

        @WithDefault("12000")
        @Range(min = 0, max = 10_000_000)
        int historyChars();

        @WithDefault("0")
        @Range(min = 0, max = 31_536_000)
        int maxDurationSeconds();

        @WithDefault("0")
        @Range(min = 0, max = Integer.MAX_VALUE)
        int maxAnswerChars();
    }

    interface Stream {
        @WithDefault("30")
        @Range(min = 0, max = 31_536_000)
        int detachGraceSeconds();

        /** At least 10: a client still reading the end of a stream must find it. */
        @WithDefault("300")
        @Range(min = 10, max = 31_536_000)
        int retentionSeconds();

        @WithDefault("20000")
        @Range(min = 1, max = 10_000_000)
        int logMaxEvents();

        @WithDefault("2000")
        @Range(min = 1, max = 1_000_000)
        int pauseBufferEvents();

        @WithDefault("600")
        @Range(min = 0, max = 31_536_000)
        int pauseMaxSeconds();

        @WithDefault("memory")
        Engine engine();

        @WithDefault("10")
        @Range(min = 2, max = 31_536_000)
        int leaseSeconds();
    }

    enum Engine { MEMORY, REDIS }

    interface Redis {
        /** May hold a password: shown only through {@link Redaction#url}. */
        @WithDefault("redis://127.0.0.1:6379")
        String url();

        @WithDefault("llmstream:")
        String keyPrefix();
    }

    interface Node {
        Optional<String> id();
    }

    interface Rag {
        @WithDefault("800")
        @Range(min = 100, max = 100_000)
        int chunkSize();

        @WithDefault("100")
        @Range(min = 0, max = 50_000)
        int chunkOverlap();

        @WithDefault("10485760")
        @Range(min = 1)
        long maxDocumentBytes();

        @WithDefault("true")
        @WithConverter(TrueOrFalse.class)
        boolean embedAtIngestion();

        Embedding embedding();

        @WithDefault("builtin")
        Retriever retriever();

        RagHttp http();

        Translation translation();
    }

    interface Embedding {
        Optional<String> baseUrl();

        Optional<String> model();

        Optional<String> apiKey();

        @WithDefault("10")
        @Range(min = 1, max = 31_536_000)
        int timeoutSeconds();

        Optional<Path> modelPath();
    }

    enum Retriever { BUILTIN, HTTP }

    interface RagHttp {
        Optional<String> endpoint();

        Optional<String> apiKey();

        @WithDefault("5")
        @Range(min = 1, max = 31_536_000)
        int timeoutSeconds();
    }

    interface Translation {
        @WithDefault("true")
        @WithConverter(TrueOrFalse.class)
        boolean enabled();

        Optional<String> provider();

        Optional<String> model();

        @WithDefault("3000")
        @Range(min = 100, max = 60_000)
        int timeoutMs();
    }

    interface Auth {
        Optional<String> jwtSecret();

        Optional<Path> jwtPublicKey();

        Optional<String> jwksUrl();

        Optional<String> issuer();

        Optional<String> audience();

        @WithDefault("sub")
        String userClaim();

        @WithDefault("30")
        @Range(min = 0, max = 300)
        int clockSkewSeconds();

        @WithDefault("false")
        @WithConverter(TrueOrFalse.class)
        boolean disabled();
    }

    interface RateLimit {
        @WithDefault("100")
        @Range(min = 0, max = 1_000_000)
        int perMinute();
    }

    interface Streams {
        @WithDefault("4")
        @Range(min = 1, max = 100_000)
        int perUserMax();

        @WithDefault("10000")
        @Range(min = 1, max = 10_000_000)
        int max();
    }

    interface Ws {
        @WithDefault("65536")
        @Range(min = 256, max = 16 * 1024 * 1024)
        int maxFrameBytes();

        @WithDefault("1024")
        @Range(min = 1, max = 1_000_000)
        int maxQueuedFrames();

        @WithDefault("50")
        @Range(min = 1, max = 100_000)
        int maxMessagesPerSecond();

        Optional<List<String>> allowedOrigins();
    }

    interface Cors {
        Optional<List<String>> allowedOrigins();
    }

    interface Shutdown {
        @WithDefault("10")
        @Range(min = 0, max = 31_536_000)
        int graceSeconds();
    }

    /** SmallRye reads "yes", "on" and "1" as true and anything else as false; a typo must stop the start instead. */
    final class TrueOrFalse implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }
    }
}
