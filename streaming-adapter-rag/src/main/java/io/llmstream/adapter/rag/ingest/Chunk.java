package io.llmstream.adapter.rag.ingest;

import java.util.Objects;

/** One passage of a document: its position (from 0), the heading it sits under, and its text. */
public record Chunk(int index, String heading, String text) {

    public Chunk {
        if (index < 0) {
            throw new IllegalArgumentException("chunk index must not be negative, was " + index);
        }
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("chunk text must not be blank");
        }
    }
}
