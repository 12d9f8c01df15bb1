package io.llmstream.core.internal;

import java.util.regex.Pattern;

/**
 * What of a sentence should be spoken: without Markdown marks, citation markers ({@code [1]}) and
 * link targets, which an engine would otherwise read out letter by letter.
 */
public final class SpeakableText {

    private static final Pattern CITATIONS = Pattern.compile("\\[\\d+(?:\\s*,\\s*\\d+)*]");
    private static final Pattern LINKS = Pattern.compile("\\[([^]]*)]\\([^)]*\\)");
    private static final Pattern LIST_MARK = Pattern.compile("^\\s*(?:[-*+•]|#{1,6})\\s+");
    private static final Pattern MARKUP = Pattern.compile("[*_`#>|~]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SpeakableText() {
    }

    /** The sentence as it should be spoken; empty when nothing in it can be spoken. */
    public static String of(String sentence) {
        String text = LINKS.matcher(sentence).replaceAll("$1");
        text = CITATIONS.matcher(text).replaceAll("");
        text = LIST_MARK.matcher(text).replaceAll("");
        text = MARKUP.matcher(text).replaceAll(" ");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        return text.codePoints().anyMatch(Character::isLetterOrDigit) ? text : "";
    }
}
