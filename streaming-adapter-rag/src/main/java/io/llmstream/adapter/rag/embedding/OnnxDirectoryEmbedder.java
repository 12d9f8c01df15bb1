package io.llmstream.adapter.rag.embedding;

import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A sentence-transformers ONNX export run in-process from a directory ({@code RAG_EMBEDDING_MODEL_PATH}):
 * {@code model.onnx} (or {@code onnx/model.onnx}, as Optimum exports it) with its {@code tokenizer.json};
 * CLS pooling when {@code 1_Pooling/config.json} asks for it, else mean pooling. The model is loaded and
 * tried once when the embedder is built, so a broken directory fails the start, not the first question.
 */
public final class OnnxDirectoryEmbedder implements Embedder {

    private static final Pattern CLS_POOLING = Pattern.compile("\"pooling_mode_cls_token\"\\s*:\\s*true");

    private final OnnxEmbeddingModel model;
    private final String modelId;

    private OnnxDirectoryEmbedder(OnnxEmbeddingModel model, String modelId) {
        this.model = model;
        this.modelId = modelId;
    }

    /**
     * @throws EmbeddingException naming the directory when it is missing, lacks a file, or holds no model that loads
     */
    public static OnnxDirectoryEmbedder load(Path directory) {
        Path dir = directory.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new EmbeddingException("the embedding model directory " + dir + " does not exist or is not a directory");
        }
        Path modelFile = Files.isRegularFile(dir.resolve("model.onnx")) ? dir.resolve("model.onnx")
                : dir.resolve("onnx").resolve("model.onnx");
        if (!Files.isRegularFile(modelFile)) {
            throw new EmbeddingException("the embedding model directory " + dir
                    + " holds no model.onnx (nor onnx/model.onnx): it must be a sentence-transformers ONNX export");
        }
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new EmbeddingException("the embedding model directory " + dir + " holds no tokenizer.json");
        }
        OnnxDirectoryEmbedder embedder;
        try {
            embedder = new OnnxDirectoryEmbedder(new OnnxEmbeddingModel(modelFile, tokenizer, pooling(dir)),
                    "onnx-" + dir.getFileName() + "-" + fingerprint(modelFile));
            embedder.embed("probe");
        } catch (RuntimeException e) {
            throw new EmbeddingException("the embedding model in " + dir + " cannot be loaded (" + modelFile.getFileName()
                    + ", tokenizer.json): " + e.getMessage(), e);
        }
        return embedder;
    }

    /** Names the directory and the model file's content: another model in the same place re-embeds the passages. */
    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return InProcessModels.embedAll(model, "the embedding model " + modelId, texts);
    }

    private static PoolingMode pooling(Path dir) {
        Path config = dir.resolve("1_Pooling").resolve("config.json");
        try {
            return Files.isRegularFile(config) && CLS_POOLING.matcher(Files.readString(config, StandardCharsets.UTF_8)).find()
                    ? PoolingMode.CLS : PoolingMode.MEAN;
        } catch (IOException e) {
            throw new EmbeddingException("cannot read " + config + ": " + e.getMessage(), e);
        }
    }

    private static String fingerprint(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                sha.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (IOException e) {
            throw new EmbeddingException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
