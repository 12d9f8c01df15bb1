package io.llmstream.adapter.rag.ingest;

import java.util.List;

/** text/plain: paragraphs separated by blank lines, one section. */
final class PlainTextExtractor implements Extractor {

    @Override
    public List<Section> extract(byte[] bytes) {
        return List.of(new Section("", Text.paragraphs(Utf8.decode(bytes))));
    }
}
