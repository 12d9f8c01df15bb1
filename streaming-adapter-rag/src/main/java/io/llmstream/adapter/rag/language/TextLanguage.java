package io.llmstream.adapter.rag.language;

import java.util.Locale;

/** The languages the knowledge base analyses on their own terms (an analyzer each, a text field each). */
public enum TextLanguage {
    ENGLISH("en", "English"),
    GERMAN("de", "German");

    private final String code;
    private final String displayName;

    TextLanguage(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** ISO 639-1, as stored in the index. */
    public String code() {
        return code;
    }

    /** The English name, as said to an LLM that translates. */
    public String displayName() {
        return displayName;
    }

    public static TextLanguage ofCode(String code) {
        for (TextLanguage language : values()) {
            if (language.code.equals(code.toLowerCase(Locale.ROOT))) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language code: " + code);
    }
}
