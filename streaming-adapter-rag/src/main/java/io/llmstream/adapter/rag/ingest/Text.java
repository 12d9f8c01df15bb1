package io.llmstream.adapter.rag.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Whitespace normalisation shared by the extractors. */
final class Text {

    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

    private Text() {
    }

    static String normalise(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Splits at blank lines; lines within a paragraph are joined. */
    static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : BLANK_LINES.split(text.replace("\r\n", "\n").replace('\r', '\n'))) {
            String paragraph = normalise(block);
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
        }
        return paragraphs;
    }
}
