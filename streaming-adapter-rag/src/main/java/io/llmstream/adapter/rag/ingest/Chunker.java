package io.llmstream.adapter.rag.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts sections into passages: structure first (a passage never spans two sections; whole paragraphs are
 * packed together up to {@code chunkSize} characters), then size (a paragraph longer than
 * {@code chunkSize} is cut at word boundaries into windows that overlap by {@code chunkOverlap} characters).
 */
public final class Chunker {

    private final int chunkSize;
    private final int chunkOverlap;

    public Chunker(int chunkSize, int chunkOverlap) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, was " + chunkSize);
        }
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IllegalArgumentException("chunkOverlap must be within 0..chunkSize-1, was " + chunkOverlap);
        }
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
    }

    public List<Chunk> chunk(List<Section> sections) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : sections) {
            StringBuilder pending = new StringBuilder();
            for (String paragraph : section.paragraphs()) {
                if (paragraph.length() > chunkSize) {
                    flush(chunks, section.heading(), pending);
                    for (String window : windows(paragraph)) {
                        chunks.add(new Chunk(chunks.size(), section.heading(), window));
                    }
                } else {
                    if (!pending.isEmpty() && pending.length() + 2 + paragraph.length() > chunkSize) {
                        flush(chunks, section.heading(), pending);
                    }
                    if (!pending.isEmpty()) {
                        pending.append("\n\n");
                    }
                    pending.append(paragraph);
                }
            }
            flush(chunks, section.heading(), pending);
        }
        return chunks;
    }

    private static void flush(List<Chunk> chunks, String heading, StringBuilder pending) {
        if (!pending.toString().isBlank()) {
            chunks.add(new Chunk(chunks.size(), heading, pending.toString()));
        }
        pending.setLength(0);
    }

    private List<String> windows(String text) {
        List<String> windows = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + chunkSize);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                if (space > start + chunkSize / 2) {
                    end = space;
                }
            }
            windows.add(text.substring(start, end).strip());
            if (end >= text.length()) {
                break;
            }
            int next = Math.max(end - chunkOverlap, start + 1);
            int wordStart = text.indexOf(' ', next);
            // start the overlap at a word boundary, unless that would skip past the window's end
            start = wordStart >= 0 && wordStart < end ? wordStart + 1 : end;
        }
        return windows;
    }
}
