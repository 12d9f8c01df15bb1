package io.llmstream.adapter.rag.embedding;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Which sentence-embedding model re-scores the candidates of a {@code two_stage} search. */
public sealed interface EmbeddingConfig {

    /**
     * The quantised all-MiniLM-L6-v2 ONNX model, shipped in its artifact and run in-process (offline, 384 dimensions);
     * none when its runtime is not on the class path ({@link EmbeddingPack}).
     */
    record InProcess() implements EmbeddingConfig {
    }

    /**
     * A sentence-transformers ONNX export in a directory, run in-process (e.g. a multilingual model an operator
     * dropped in): {@code model.onnx} (or {@code onnx/model.onnx}) and {@code tokenizer.json}.
     */
    record OnnxDirectory(Path path) implements EmbeddingConfig {

        public OnnxDirectory {
            Objects.requireNonNull(path, "embedding model path");
        }
    }

    /**
     * An OpenAI-compatible {@code POST /v1/embeddings} endpoint.
     *
     * @param baseUrl the URL before {@code /v1/embeddings}, e.g. {@code http://localhost:11434}
     * @param model   the model name sent in the request
     * @param apiKey  sent as {@code Authorization: Bearer}, when present
     * @param timeout for connecting and for the whole request
     */
    record OpenAiCompatible(URI baseUrl, String model, Optional<String> apiKey, Duration timeout)
            implements EmbeddingConfig {

        public OpenAiCompatible {
            Objects.requireNonNull(baseUrl, "embedding baseUrl");
            Objects.requireNonNull(model, "embedding model");
            if (model.isBlank()) {
                throw new IllegalArgumentException("embedding model must not be blank");
            }
            Objects.requireNonNull(apiKey, "embedding apiKey");
            Objects.requireNonNull(timeout, "embedding timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("embedding timeout must be positive, was " + timeout);
            }
        }

        @Override
        public String toString() {
            return "OpenAiCompatible[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                    + (apiKey.isPresent() ? "***" : "none") + ", timeout=" + timeout + "]";
        }
    }
}
