package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.language.TextLanguage;
import java.util.Objects;

/** One passage as indexed: where it belongs, what it says, which language it is in. */
record Passage(String documentId, String characterId, String owner, String title, int chunkIndex, String heading,
        String text, TextLanguage language) {

    Passage {
        Objects.requireNonNull(documentId, "passage documentId");
        Objects.requireNonNull(characterId, "passage characterId");
        Objects.requireNonNull(owner, "passage owner");
        Objects.requireNonNull(title, "passage title");
        Objects.requireNonNull(heading, "passage heading");
        Objects.requireNonNull(text, "passage text");
        Objects.requireNonNull(language, "passage language");
    }

    String searchableText() {
        return ChunkFields.searchableText(heading, text);
    }
}
