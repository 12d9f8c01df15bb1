package io.llmstream.adapter.rag.lucene;

import java.util.Optional;

/** A first-stage hit with what the second stage and the citation need. */
record Candidate(String id, String documentId, int chunkIndex, String heading, String text, double bm25,
        Optional<float[]> vector) {

    String searchableText() {
        return ChunkFields.searchableText(heading, text);
    }
}
