package io.llmstream.adapter.rag.embedding;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the in-process embedding runtime is on the class path: the bundled all-MiniLM-L6-v2 model, ONNX Runtime
 * and the Hugging Face tokenizers ({@link OnnxMiniLmEmbedder} and {@link OnnxDirectoryEmbedder} need all three). An
 * application may ship them apart from itself (the app's embeddings jar); without them retrieval runs on BM25 alone.
 */
public final class EmbeddingPack {

    /** One class of each part; loaded without being initialised, so asking costs no native library. */
    static final List<String> PARTS = List.of(
            "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
            "ai.onnxruntime.OrtEnvironment",
            "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer");

    private final Optional<String> missing;

    private EmbeddingPack(Optional<String> missing) {
        this.missing = missing;
    }

    /** The pack as this adapter's class loader sees it. */
    public static EmbeddingPack onClassPath() {
        return in(EmbeddingPack.class.getClassLoader());
    }

    /** The pack as {@code loader} sees it. */
    public static EmbeddingPack in(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        for (String part : PARTS) {
            try {
                Class.forName(part, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return new EmbeddingPack(Optional.of(part));
            }
        }
        return new EmbeddingPack(Optional.empty());
    }

    public boolean installed() {
        return missing.isEmpty();
    }

    /**
     * For the start-up log: which platforms' native libraries the pack carries, or which of its classes is missing
     * (e.g. "the in-process embedding runtime is not on the class path (ai.onnxruntime.OrtEnvironment not found)").
     */
    public String describe() {
        return missing.map(part -> "the in-process embedding runtime is not on the class path (" + part + " not found)")
                .orElseGet(NativeLibraries::describe);
    }
}
