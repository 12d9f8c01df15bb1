package io.llmstream.adapter.rag.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/** The call both in-process ONNX embedders make, with failures as {@link EmbeddingException}s naming the model. */
final class InProcessModels {

    private InProcessModels() {
    }

    static List<float[]> embedAll(EmbeddingModel model, String name, List<String> texts) {
        try {
            List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
            return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
        } catch (RuntimeException e) {
            throw new EmbeddingException(name + " failed: " + e.getMessage(), e);
        }
    }
}
