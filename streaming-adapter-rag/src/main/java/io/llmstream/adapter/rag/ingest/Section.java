package io.llmstream.adapter.rag.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A part of a document under one heading (empty for text before the first heading), as normalised
 * paragraphs without markup.
 */
public record Section(String heading, List<String> paragraphs) {

    public Section {
        Objects.requireNonNull(heading, "heading");
        paragraphs = List.copyOf(paragraphs);
    }
}
