package io.llmstream.app;

import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.WebSocketSettings;
import io.llmstream.http.jersey.security.Authenticator;
import io.llmstream.http.jersey.security.RateLimiter;
import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import io.llmstream.adapter.rag.http.HttpRetrieverConfig;
import io.llmstream.adapter.rag.translation.QueryTranslationConfig;
import io.llmstream.adapter.tts.TtsConfig;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server's whole configuration, typed and validated, built once at start by {@link ConfigLoader}.
 * {@link #toString()} of the records holding secrets never shows them.
 */
record AppConfig(Http http, Path dataDir, Database database, Writer writer, Llm llm, StreamingSettings streaming,
        StreamLog streamLog, Duration heartbeat, Rag rag, Tts tts, Duration shutdownGrace, Security security) {

    /**
     * How long ended streams' events are kept for resume, how many per stream, and where they live: in this process
     * (no redis) or in Redis, shared by several nodes.
     */
    record StreamLog(Duration retention, int maxEvents, Optional<Redis> redis) {
    }

    /** stream.engine=redis: where Redis is, this node's name, the prefix of every key, the generating node's lease. */
    record Redis(String url, String keyPrefix, String nodeId, Duration lease) {
        @Override
        public String toString() {
            return "Redis[url=" + Redaction.url(url) + ", keyPrefix=" + keyPrefix + ", nodeId=" + nodeId
                    + ", lease=" + lease + "]";
        }
    }

    /** Who may call the API, how often, how many streams at once, and the limits of request fields. */
    record Security(AuthMode mode, Authenticator authenticator, RateLimiter rateLimiter, int requestsPerMinute,
            int streamsPerUser, int streams,
            HttpSettings.FieldLimits fieldLimits) {
    }

    /** JWT: bearer tokens required; LOCAL: one user, loopback only; DISABLED: one user, explicitly, anywhere. */
    enum AuthMode { JWT, LOCAL, DISABLED }

    record Http(String host, int port, String basePath, long maxBodyBytes, long maxUploadBytes, int maxMessageLength,
            Duration bodyTimeout, WebSocketSettings webSocket, List<String> corsAllowedOrigins) {
    }

    /** An empty url means the embedded database under the data directory. */
    record Database(Optional<String> url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Database[url=" + url.map(Redaction::url).orElse("(embedded)") + ", user=" + user + ", password=" + Redaction.MASK
                    + ", poolSize=" + poolSize + "]";
        }
    }

    record Writer(int lanes, int queueCapacity, Duration drainTimeout, long journalMaxBytes) {
    }

    /** No providers means the offline provider. */
    record Llm(List<ProviderConfig> providers, Optional<String> defaultProvider, Optional<String> defaultModel) {
    }

    /** Text-to-speech: the providers (the default may be none) and how answers are cut and spoken. */
    record Tts(TtsConfig config, AudioSettings audio) {
    }

    /**
     * @param embedding         empty = the bundled in-process model
     * @param externalRetriever present when queries go to an external search service
     * @param translation       present when questions are translated by a real LLM before searching
     */
    record Rag(int chunkSize, int chunkOverlap, long maxDocumentBytes, boolean embedAtIngestion,
            Optional<EmbeddingConfig> embedding, Optional<HttpRetrieverConfig> externalRetriever,
            Optional<QueryTranslationConfig> translation) {
    }
}
