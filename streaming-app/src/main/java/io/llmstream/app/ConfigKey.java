package io.llmstream.app;

import java.util.List;
import java.util.Locale;

/**
 * Every configuration key the server reads, with its default and what it means. The environment
 * variable is the key upper-cased with '.' and '-' as '_' (SmallRye Config's rule);
 * {@code docs/configuration.md} lists them all, and a test keeps the two in step.
 */
record ConfigKey(String name, String defaultValue, String description) {

    String env() {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static final ConfigKey HTTP_HOST = new ConfigKey("http.host", "127.0.0.1", "address to listen on; a non-loopback address exposes the server");
    static final ConfigKey HTTP_PORT = new ConfigKey("http.port", "8080", "TCP port to listen on (0 picks a free one)");
    static final ConfigKey API_BASE_PATH = new ConfigKey("api.base-path", "/api", "path prefix of the API (health, metrics and /openapi.json stay at the root)");
    static final ConfigKey HTTP_MAX_BODY_BYTES = new ConfigKey("http.max-body-bytes", "1048576", "largest JSON request body; larger ones get 413");
    static final ConfigKey HTTP_MAX_UPLOAD_BYTES = new ConfigKey("http.max-upload-bytes", "10485760", "largest multipart document upload; larger ones get 413");
    static final ConfigKey HTTP_BODY_TIMEOUT_SECONDS = new ConfigKey("http.body-timeout-seconds", "10", "longest a request body may take to arrive after its headers; slower ones get 408 and the connection is closed");
    static final ConfigKey HTTP_MAX_MESSAGE_LENGTH = new ConfigKey("http.max-message-length", "100000", "longest user message in characters; longer ones get 400");
    static final ConfigKey DATA_DIR = new ConfigKey("data.dir", "./data", "directory of the embedded database and the search index");
    static final ConfigKey DB_URL = new ConfigKey("db.url", "", "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/llmstream; empty = embedded H2 file under data.dir");
    static final ConfigKey DB_USER = new ConfigKey("db.user", "", "database user");
    static final ConfigKey DB_PASSWORD = new ConfigKey("db.password", "", "database password (never logged)");
    static final ConfigKey DB_POOL_SIZE = new ConfigKey("db.pool-size", "8", "HikariCP maximum pool size");
    static final ConfigKey PERSISTENCE_WRITER_LANES = new ConfigKey("persistence.writer-lanes", "2", "parallel message writers (order is kept per dialogue)");
    static final ConfigKey PERSISTENCE_QUEUE_CAPACITY = new ConfigKey("persistence.queue-capacity", "10000", "queued writes per lane before new ones are dropped and counted");
    static final ConfigKey PERSISTENCE_JOURNAL_MAX_BYTES = new ConfigKey("persistence.journal-max-bytes", "268435456", "most bytes the message journal under data.dir/journal may hold while the database is unavailable; beyond it writes are dropped and counted");
    static final ConfigKey PERSISTENCE_DRAIN_SECONDS = new ConfigKey("persistence.drain-seconds", "10", "how long shutdown waits for queued writes");
    static final ConfigKey LLM_PROVIDER = new ConfigKey("llm.provider", "", "default provider; empty = the first configured of openai, anthropic, ollama, extra providers, else offline");
    static final ConfigKey LLM_MODEL = new ConfigKey("llm.model", "", "default model of the default provider; empty = that provider's own default");
    static final ConfigKey LLM_EXTRA_PROVIDERS = new ConfigKey("llm.extra-providers", "", "comma-separated names of more OpenAI-compatible providers; each needs llm.<name>.base-url (LLM_<NAME>_BASE_URL) and may set llm.<name>.api-key and llm.<name>.model");
    static final ConfigKey LLM_CONNECT_TIMEOUT = new ConfigKey("llm.connect-timeout-seconds", "10", "connect timeout to an LLM upstream");
    static final ConfigKey LLM_FIRST_TOKEN_TIMEOUT = new ConfigKey("llm.first-token-timeout-seconds", "120", "longest wait for the first token");
    static final ConfigKey LLM_IDLE_TIMEOUT = new ConfigKey("llm.idle-timeout-seconds", "60", "longest silence between two reads once streaming");
    static final ConfigKey LLM_OVERALL_TIMEOUT = new ConfigKey("llm.overall-timeout-seconds", "600", "longest a completion may take in all");
    static final ConfigKey OPENAI_BASE_URL = new ConfigKey("openai.base-url", "", "OpenAI-compatible endpoint; empty = https://api.openai.com/v1 when openai.api-key is set, else openai is not configured");
    static final ConfigKey OPENAI_API_KEY = new ConfigKey("openai.api-key", "", "API key for openai (never logged)");
    static final ConfigKey OPENAI_MODEL = new ConfigKey("openai.model", "gpt-4o-mini", "default model for openai");
    static final ConfigKey ANTHROPIC_BASE_URL = new ConfigKey("anthropic.base-url", "https://api.anthropic.com", "Anthropic endpoint; used when anthropic.api-key is set");
    static final ConfigKey ANTHROPIC_API_KEY = new ConfigKey("anthropic.api-key", "", "API key for anthropic (never logged); empty = anthropic is not configured");
    static final ConfigKey ANTHROPIC_MODEL = new ConfigKey("anthropic.model", "claude-3-5-haiku-latest", "default model for anthropic");
    static final ConfigKey OLLAMA_BASE_URL = new ConfigKey("ollama.base-url", "", "Ollama endpoint, e.g. http://127.0.0.1:11434 (native /api/chat); empty = ollama is not configured");
    static final ConfigKey OLLAMA_MODEL = new ConfigKey("ollama.model", "llama3.2", "default model for ollama");
    static final ConfigKey TTS_PROVIDER = new ConfigKey("tts.provider", "", "text-to-speech provider of voices that name none: espeak, openai, elevenlabs or none; empty = espeak when espeak-ng is installed, else none");
    static final ConfigKey TTS_ESPEAK_BINARY = new ConfigKey("tts.espeak.binary", "espeak-ng", "the espeak-ng executable of the local engine");
    static final ConfigKey TTS_ESPEAK_LAME_BINARY = new ConfigKey("tts.espeak.lame-binary", "lame", "the lame executable that encodes the local engine's MP3 (WAV works without it)");
    static final ConfigKey TTS_ESPEAK_VOICE = new ConfigKey("tts.espeak.voice", "de", "espeak-ng voice of characters without voice_id, e.g. de, en-us, de+f3");
    static final ConfigKey TTS_ESPEAK_MP3_BITRATE = new ConfigKey("tts.espeak.mp3-bitrate", "64", "kbit/s of the local engine's MP3 (8..320)");
    static final ConfigKey TTS_ESPEAK_WORDS_PER_MINUTE = new ConfigKey("tts.espeak.words-per-minute", "175", "speaking rate of the local engine (80..450)");
    static final ConfigKey TTS_OPENAI_BASE_URL = new ConfigKey("tts.openai.base-url", "", "OpenAI-compatible speech endpoint before /audio/speech; empty = https://api.openai.com/v1 when tts.openai.api-key is set, else openai is not configured");
    static final ConfigKey TTS_OPENAI_API_KEY = new ConfigKey("tts.openai.api-key", "", "API key of the speech endpoint (never logged)");
    static final ConfigKey TTS_OPENAI_MODEL = new ConfigKey("tts.openai.model", "tts-1", "default speech model of openai");
    static final ConfigKey TTS_OPENAI_VOICE = new ConfigKey("tts.openai.voice", "alloy", "default voice of openai");
    static final ConfigKey TTS_ELEVENLABS_BASE_URL = new ConfigKey("tts.elevenlabs.base-url", "https://api.elevenlabs.io", "ElevenLabs endpoint; used when tts.elevenlabs.api-key is set");
    static final ConfigKey TTS_ELEVENLABS_API_KEY = new ConfigKey("tts.elevenlabs.api-key", "", "ElevenLabs API key (never logged); empty = elevenlabs is not configured");
    static final ConfigKey TTS_ELEVENLABS_MODEL = new ConfigKey("tts.elevenlabs.model", "eleven_multilingual_v2", "default ElevenLabs model");
    static final ConfigKey TTS_ELEVENLABS_VOICE_ID = new ConfigKey("tts.elevenlabs.voice-id", "JBFqnCBsd6RMkjVDRZzb", "ElevenLabs voice of characters without voice_id");
    static final ConfigKey TTS_TIMEOUT_SECONDS = new ConfigKey("tts.timeout-seconds", "30", "longest wait for an HTTP speech provider's response headers (connect: 10 s)");
    static final ConfigKey TTS_LOOKAHEAD_SENTENCES = new ConfigKey("tts.lookahead-sentences", "2", "sentences synthesised at once: the one playing and those after it (1..16)");
    static final ConfigKey TTS_MAX_SENTENCE_CHARS = new ConfigKey("tts.max-sentence-chars", "240", "a longer sentence is cut at a pause so it starts to play early (20..2000)");
    static final ConfigKey STREAMING_CHUNK_SIZE = new ConfigKey("streaming.chunk-size", "1", "minimum characters per chunk event; 1 passes deltas through");
    static final ConfigKey STREAMING_MAX_CHUNK_DELAY_MS = new ConfigKey("streaming.max-chunk-delay-ms", "50", "longest a partly filled chunk is held back");
    static final ConfigKey STREAMING_HEARTBEAT_SECONDS = new ConfigKey("streaming.heartbeat-seconds", "15", "interval of SSE heartbeat comments while the upstream is silent");
    static final ConfigKey STREAMING_HISTORY_MESSAGES = new ConfigKey("streaming.history-messages", "20", "most earlier messages of a dialogue put into the prompt");
    static final ConfigKey STREAMING_HISTORY_CHARS = new ConfigKey("streaming.history-chars", "12000", "character budget of that history");
    static final ConfigKey STREAMING_MAX_DURATION_SECONDS = new ConfigKey("streaming.max-duration-seconds", "0", "a stream running longer ends with error limit_duration; 0 = no limit");
    static final ConfigKey STREAMING_MAX_ANSWER_CHARS = new ConfigKey("streaming.max-answer-chars", "0", "an answer growing longer ends with error limit_answer_length; 0 = no limit");
    static final ConfigKey STREAM_DETACH_GRACE_SECONDS = new ConfigKey("stream.detach-grace-seconds", "30", "how long an answer goes on with no client following it before it is ended and stored as interrupted; 0 = at once");
    static final ConfigKey STREAM_RETENTION_SECONDS = new ConfigKey("stream.retention-seconds", "300", "how long an ended stream's events stay readable for resume (GET /v1/streams/{id}/events), at least 10 (a client still writing the end must find it); then 410");
    static final ConfigKey STREAM_LOG_MAX_EVENTS = new ConfigKey("stream.log-max-events", "20000", "most events kept per stream, the oldest dropped first (a resume from before them gets 410)");
    static final ConfigKey STREAM_PAUSE_BUFFER_EVENTS = new ConfigKey("stream.pause-buffer-events", "2000", "pieces of text a paused stream takes from the LLM before it stops reading it (backpressure)");
    static final ConfigKey STREAM_PAUSE_MAX_SECONDS = new ConfigKey("stream.pause-max-seconds", "600", "a pause longer than this ends the stream as stopped (reason pause_timeout); 0 = no limit");
    static final ConfigKey STREAM_ENGINE = new ConfigKey("stream.engine", "memory", "where streams' events, commands and limits live: memory (this process only) or redis (several nodes sharing REDIS_URL; needs a PostgreSQL database)");
    static final ConfigKey REDIS_URL = new ConfigKey("redis.url", "redis://127.0.0.1:6379", "the Redis of stream.engine=redis, redis://[user:password@]host:port[/db] (the password is never logged)");
    static final ConfigKey REDIS_KEY_PREFIX = new ConfigKey("redis.key-prefix", "llmstream:", "put before every Redis key and channel, so that several deployments can share one Redis");
    static final ConfigKey NODE_ID = new ConfigKey("node.id", "", "this node's name among those sharing Redis (letters, digits, . _ : -); empty = the host name and a random suffix");
    static final ConfigKey STREAM_LEASE_SECONDS = new ConfigKey("stream.lease-seconds", "10", "with stream.engine=redis, how long a generating node's hold on its stream lasts without renewal (renewed every third of it)");
    static final ConfigKey RAG_CHUNK_SIZE = new ConfigKey("rag.chunk-size", "800", "target passage size in characters when documents are cut");
    static final ConfigKey RAG_CHUNK_OVERLAP = new ConfigKey("rag.chunk-overlap", "100", "characters shared by neighbouring passages");
    static final ConfigKey RAG_MAX_DOCUMENT_BYTES = new ConfigKey("rag.max-document-bytes", "10485760", "largest document accepted for the knowledge base");
    static final ConfigKey RAG_EMBED_AT_INGESTION = new ConfigKey("rag.embed-at-ingestion", "true", "store every passage's vector, embedded in the background after indexing (a two_stage query then costs one embedding); false = embed the candidates at query time");
    static final ConfigKey RAG_EMBEDDING_BASE_URL = new ConfigKey("rag.embedding.base-url", "", "OpenAI-compatible /v1/embeddings service for two_stage (URL before /v1/embeddings); empty = the bundled all-MiniLM-L6-v2 model, in-process and offline");
    static final ConfigKey RAG_EMBEDDING_MODEL = new ConfigKey("rag.embedding.model", "", "model name sent to that service (required with rag.embedding.base-url)");
    static final ConfigKey RAG_EMBEDDING_API_KEY = new ConfigKey("rag.embedding.api-key", "", "API key for that service (never logged)");
    static final ConfigKey RAG_EMBEDDING_TIMEOUT_SECONDS = new ConfigKey("rag.embedding.timeout-seconds", "10", "connect and request timeout of that service");
    static final ConfigKey RAG_RETRIEVER = new ConfigKey("rag.retriever", "builtin", "builtin (the Lucene index) or http (an external search service answers the queries; documents are still indexed locally)");
    static final ConfigKey RAG_HTTP_ENDPOINT = new ConfigKey("rag.http.endpoint", "", "URL the external search service is POSTed to (required with rag.retriever=http)");
    static final ConfigKey RAG_HTTP_API_KEY = new ConfigKey("rag.http.api-key", "", "API key for the external search service (never logged)");
    static final ConfigKey RAG_HTTP_TIMEOUT_SECONDS = new ConfigKey("rag.http.timeout-seconds", "5", "request timeout of the external search service; on timeout the answer streams without context");
    static final ConfigKey RAG_EMBEDDING_MODEL_PATH = new ConfigKey("rag.embedding.model-path", "", "directory of a sentence-transformers ONNX export (model.onnx or onnx/model.onnx, and tokenizer.json) run in-process instead of the bundled all-MiniLM-L6-v2, e.g. a multilingual model; not together with rag.embedding.base-url");
    static final ConfigKey RAG_TRANSLATION_ENABLED = new ConfigKey("rag.translation.enabled", "true", "translate a question into the other languages of the character's documents before searching (one short completion, cached); only when an LLM provider other than offline is configured");
    static final ConfigKey RAG_TRANSLATION_PROVIDER = new ConfigKey("rag.translation.provider", "", "LLM provider that translates questions; empty = the default provider");
    static final ConfigKey RAG_TRANSLATION_MODEL = new ConfigKey("rag.translation.model", "", "model that translates questions; empty = that provider's default model");
    static final ConfigKey RAG_TRANSLATION_TIMEOUT_MS = new ConfigKey("rag.translation.timeout-ms", "3000", "longest wait for a translation (100..60000); after it the original question is searched alone, logged and counted");
    static final ConfigKey HTTP_MAX_ROLE_LENGTH = new ConfigKey("http.max-role-length", "64", "longest character role name (1..64); longer ones get 400");
    static final ConfigKey HTTP_MAX_TITLE_LENGTH = new ConfigKey("http.max-title-length", "300", "longest document or chat title (1..300; chats are capped at 200 by the core); longer ones get 400");
    static final ConfigKey HTTP_MAX_SYSTEM_PROMPT_LENGTH = new ConfigKey("http.max-system-prompt-length", "32768", "longest character system prompt (1..32768); longer ones get 400");
    static final ConfigKey HTTP_MAX_TOP_K = new ConfigKey("http.max-top-k", "50", "largest search_tool_config.top_k (1..50); larger ones get 400");
    static final ConfigKey AUTH_JWT_SECRET = new ConfigKey("auth.jwt-secret", "", "shared secret of HS256 tokens, at least 32 bytes (48 admit HS384, 64 HS512; never logged); turns JWT bearer authentication on");
    static final ConfigKey AUTH_JWT_PUBLIC_KEY = new ConfigKey("auth.jwt-public-key", "", "path of a PEM file with the RSA or EC public key (or certificate) of RS256/ES256 tokens; turns JWT bearer authentication on");
    static final ConfigKey AUTH_JWKS_URL = new ConfigKey("auth.jwks-url", "", "JWKS URL of the token issuer (cached, fetched again on an unknown kid); turns JWT bearer authentication on");
    static final ConfigKey AUTH_ISSUER = new ConfigKey("auth.issuer", "", "required iss of tokens; empty = not checked");
    static final ConfigKey AUTH_AUDIENCE = new ConfigKey("auth.audience", "", "value aud of tokens must contain; empty = not checked");
    static final ConfigKey AUTH_USER_CLAIM = new ConfigKey("auth.user-claim", "sub", "claim holding the user id that owns every resource");
    static final ConfigKey AUTH_CLOCK_SKEW_SECONDS = new ConfigKey("auth.clock-skew-seconds", "30", "tolerance for exp and nbf (0..300)");
    static final ConfigKey AUTH_DISABLED = new ConfigKey("auth.disabled", "false", "true = no authentication even on a non-loopback address: every caller is the single user 'local' (logged as a warning at start)");
    static final ConfigKey RATE_LIMIT_PER_MINUTE = new ConfigKey("rate-limit.per-minute", "100", "API requests per minute per user (per client address without authentication); over it 429; 0 = no limit");
    static final ConfigKey STREAMS_PER_USER_MAX = new ConfigKey("streams.per-user-max", "4", "concurrent SSE streams per user; one more gets 429 before any SSE byte");
    static final ConfigKey STREAMS_MAX = new ConfigKey("streams.max", "10000", "concurrent SSE streams in all; one more gets 429 before any SSE byte");
    static final ConfigKey WS_MAX_FRAME_BYTES = new ConfigKey("ws.max-frame-bytes", "65536", "largest WebSocket message a client may send (256..16777216); a larger one closes the connection 1009");
    static final ConfigKey WS_MAX_QUEUED_FRAMES = new ConfigKey("ws.max-queued-frames", "1024", "frames waiting to be written to one WebSocket; a client that keeps them full for 10 s is closed 1008 lagging");
    static final ConfigKey WS_MAX_MESSAGES_PER_SECOND = new ConfigKey("ws.max-messages-per-second", "50", "messages one WebSocket connection may send per second; more closes it 1008");
    static final ConfigKey WS_ALLOWED_ORIGINS = new ConfigKey("ws.allowed-origins", "", "comma-separated Origin values allowed to open a WebSocket besides the server's own and loopback; others get 403");
    static final ConfigKey CORS_ALLOWED_ORIGINS = new ConfigKey("cors.allowed-origins", "", "comma-separated Origin values whose pages may call the API from a browser (CORS); * = any; empty = the server's own origin only");
    static final ConfigKey SHUTDOWN_GRACE_SECONDS = new ConfigKey("shutdown.grace-seconds", "10", "on SIGTERM, how long running streams may finish before they end with error shutdown");

    static final List<ConfigKey> ALL = List.of(HTTP_HOST, HTTP_PORT, API_BASE_PATH, HTTP_MAX_BODY_BYTES, HTTP_MAX_UPLOAD_BYTES,
            HTTP_BODY_TIMEOUT_SECONDS, HTTP_MAX_MESSAGE_LENGTH, DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, PERSISTENCE_WRITER_LANES,
            PERSISTENCE_QUEUE_CAPACITY, PERSISTENCE_DRAIN_SECONDS, PERSISTENCE_JOURNAL_MAX_BYTES, LLM_PROVIDER, LLM_MODEL, LLM_EXTRA_PROVIDERS,
            LLM_CONNECT_TIMEOUT, LLM_FIRST_TOKEN_TIMEOUT, LLM_IDLE_TIMEOUT, LLM_OVERALL_TIMEOUT, OPENAI_BASE_URL,
            OPENAI_API_KEY, OPENAI_MODEL, ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY, ANTHROPIC_MODEL, OLLAMA_BASE_URL,
            OLLAMA_MODEL, TTS_PROVIDER, TTS_ESPEAK_BINARY, TTS_ESPEAK_LAME_BINARY, TTS_ESPEAK_VOICE, TTS_ESPEAK_MP3_BITRATE,
            TTS_ESPEAK_WORDS_PER_MINUTE, TTS_OPENAI_BASE_URL, TTS_OPENAI_API_KEY, TTS_OPENAI_MODEL, TTS_OPENAI_VOICE,
            TTS_ELEVENLABS_BASE_URL, TTS_ELEVENLABS_API_KEY, TTS_ELEVENLABS_MODEL, TTS_ELEVENLABS_VOICE_ID, TTS_TIMEOUT_SECONDS,
            TTS_LOOKAHEAD_SENTENCES, TTS_MAX_SENTENCE_CHARS, STREAMING_CHUNK_SIZE, STREAMING_MAX_CHUNK_DELAY_MS, STREAMING_HEARTBEAT_SECONDS,
            STREAMING_HISTORY_MESSAGES, STREAMING_HISTORY_CHARS, STREAMING_MAX_DURATION_SECONDS,
            STREAMING_MAX_ANSWER_CHARS, STREAM_DETACH_GRACE_SECONDS, STREAM_RETENTION_SECONDS, STREAM_LOG_MAX_EVENTS,
            STREAM_PAUSE_BUFFER_EVENTS, STREAM_PAUSE_MAX_SECONDS, STREAM_ENGINE, REDIS_URL, REDIS_KEY_PREFIX, NODE_ID,
            STREAM_LEASE_SECONDS, RAG_CHUNK_SIZE, RAG_CHUNK_OVERLAP, RAG_MAX_DOCUMENT_BYTES, RAG_EMBED_AT_INGESTION,
            RAG_EMBEDDING_BASE_URL, RAG_EMBEDDING_MODEL, RAG_EMBEDDING_API_KEY, RAG_EMBEDDING_TIMEOUT_SECONDS, RAG_RETRIEVER,
            RAG_HTTP_ENDPOINT, RAG_HTTP_API_KEY, RAG_HTTP_TIMEOUT_SECONDS, RAG_EMBEDDING_MODEL_PATH,
            RAG_TRANSLATION_ENABLED, RAG_TRANSLATION_PROVIDER, RAG_TRANSLATION_MODEL, RAG_TRANSLATION_TIMEOUT_MS, SHUTDOWN_GRACE_SECONDS, HTTP_MAX_ROLE_LENGTH,
            HTTP_MAX_TITLE_LENGTH, HTTP_MAX_SYSTEM_PROMPT_LENGTH, HTTP_MAX_TOP_K, AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY,
            AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_USER_CLAIM, AUTH_CLOCK_SKEW_SECONDS, AUTH_DISABLED,
            RATE_LIMIT_PER_MINUTE, STREAMS_PER_USER_MAX, STREAMS_MAX, WS_MAX_FRAME_BYTES, WS_MAX_QUEUED_FRAMES,
            WS_MAX_MESSAGES_PER_SECOND, WS_ALLOWED_ORIGINS, CORS_ALLOWED_ORIGINS);
}
