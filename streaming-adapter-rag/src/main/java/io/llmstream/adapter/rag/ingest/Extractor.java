package io.llmstream.adapter.rag.ingest;

import java.util.List;

/** Turns one format's bytes into sections; throws {@link UnparseableException} when the bytes are not that format. */
interface Extractor {

    List<Section> extract(byte[] bytes);

    /** Internal signal, turned into an {@code IngestionException} naming the document by {@link DocumentParser}. */
    final class UnparseableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnparseableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
