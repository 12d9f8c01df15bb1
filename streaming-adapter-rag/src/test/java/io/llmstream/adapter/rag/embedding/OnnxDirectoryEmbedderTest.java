package io.llmstream.adapter.rag.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAG_EMBEDDING_MODEL_PATH: the model the jar ships, copied into a directory as a sentence-transformers export. */
class OnnxDirectoryEmbedderTest {

    private static final String SENTENCE = "The heat pump tariff costs 24 cents per kilowatt hour.";

    @Test
    void shouldEmbedLikeTheShippedModelWhenItsFilesAreGivenByDirectory(@TempDir Path dir) throws IOException {
        copyShippedModel(dir);

        OnnxDirectoryEmbedder embedder = OnnxDirectoryEmbedder.load(dir);

        assertThat(Vectors.cosine(embedder.embed(SENTENCE), OnnxMiniLmEmbedder.shared().embed(SENTENCE)))
                .isGreaterThan(0.9999);
        assertThat(embedder.modelId()).startsWith("onnx-" + dir.getFileName() + "-")
                .isNotEqualTo(OnnxMiniLmEmbedder.MODEL_ID);
    }

    @Test
    void shouldFindTheModelUnderOnnxAsOptimumExportsIt(@TempDir Path dir) throws IOException {
        copyShippedModel(dir);
        Files.createDirectory(dir.resolve("onnx"));
        Files.move(dir.resolve("model.onnx"), dir.resolve("onnx").resolve("model.onnx"));

        assertThat(OnnxDirectoryEmbedder.load(dir).embed(SENTENCE)).hasSize(384);
    }

    @Test
    void shouldNameTheModelFileInTheModelIdSoThatAnotherModelReembeds(@TempDir Path first, @TempDir Path second)
            throws IOException {
        copyShippedModel(first);
        copyShippedModel(second);

        assertThat(OnnxDirectoryEmbedder.load(first).modelId().substring(("onnx-" + first.getFileName()).length()))
                .isEqualTo(OnnxDirectoryEmbedder.load(second).modelId().substring(("onnx-" + second.getFileName()).length()));
    }

    @Test
    void shouldRefuseAMissingDirectoryNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("multilingual-e5-small");

        assertThatThrownBy(() -> OnnxDirectoryEmbedder.load(missing)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void shouldRefuseADirectoryWithoutModelOrTokenizer(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> OnnxDirectoryEmbedder.load(dir)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("no model.onnx");

        copyShippedModel(dir);
        Files.delete(dir.resolve("tokenizer.json"));

        assertThatThrownBy(() -> OnnxDirectoryEmbedder.load(dir)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("no tokenizer.json");
    }

    @Test
    void shouldRefuseAModelFileThatIsNotAnOnnxModel(@TempDir Path dir) throws IOException {
        copyShippedModel(dir);
        Files.writeString(dir.resolve("model.onnx"), "not a model");

        assertThatThrownBy(() -> OnnxDirectoryEmbedder.load(dir)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("cannot be loaded").hasMessageContaining(dir.toString());
    }

    @Test
    void shouldRefuseATokenizerThatIsNotATokenizer(@TempDir Path dir) throws IOException {
        copyShippedModel(dir);
        Files.writeString(dir.resolve("tokenizer.json"), "{\"truncated\":");

        assertThatThrownBy(() -> OnnxDirectoryEmbedder.load(dir)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("cannot be loaded").hasMessageContaining(dir.toString());
    }

    /** The model file and tokenizer inside the langchain4j jar, under a sentence-transformers export's names. */
    static void copyShippedModel(Path dir) throws IOException {
        copy("/all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
        copy("/all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, target);
        }
    }
}
