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
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The services answers depend on: LLM providers (openai, anthropic, ollama and the extra {@code llm.<name>.*} ones),
 * retrieval (embeddings, an external retriever, question translation) and text-to-speech, each configured by its
 * key or URL and converted to its adapter's settings.
 */
final class ConfigProviders {

    private static final String OPENAI_URL = "https://api.openai.com/v1";

    /** What an extra provider without llm.<name>.model is asked for: servers such as vLLM serve one model anyway. */
    private static final String UNNAMED_MODEL = "default";

    private final ConfigProperties keys;

    ConfigProviders(ConfigProperties keys) {
        this.keys = keys;
    }

    AppConfig.Rag rag(AppConfig.Llm llm) {
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
    AppConfig.Tts tts() {
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

    AppConfig.Llm llm() {
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
        for (String name : llm.extraProviders().orElse(List.of()).stream().map(String::strip).filter(n -> !n.isEmpty()).toList()) {
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

    static URI uri(String value, String key) {
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

    private static String describe(String key) {
        return ConfigProblems.describe(key);
    }

    private static String env(String key) {
        return ConfigProblems.env(key);
    }
}
