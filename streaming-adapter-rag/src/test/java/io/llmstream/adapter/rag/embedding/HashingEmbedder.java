package io.llmstream.adapter.rag.embedding;

import java.util.List;
import java.util.Locale;

/** A fast stand-in model for tests that are not about ranking quality: hashed bag of words, 64 dimensions. */
public final class HashingEmbedder implements Embedder {

    private static final int DIMENSIONS = 64;

    @Override
    public String modelId() {
        return "hashing-64";
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(HashingEmbedder::vector).toList();
    }

    private static float[] vector(String text) {
        float[] vector = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
        }
        return vector;
    }
}
