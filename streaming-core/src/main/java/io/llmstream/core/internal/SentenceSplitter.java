package io.llmstream.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts streamed text into sentences as it arrives, so each can be spoken while the rest is generated.
 *
 * <p>A sentence ends at a line break, or at {@code . ! ? …} (with closing quotes or brackets) followed by
 * white space and a word that does not continue it. A period does not end a sentence after a known German
 * or English abbreviation ({@code z. B.}, {@code usw.}, {@code Dr.}, {@code e.g.}), after a single letter
 * (initials), inside a number ({@code 3.14}), after an ordinal before a month ({@code am 3. Oktober}),
 * after a list number at the start of a line, or when the next word starts in lower case. Whether a
 * period ends a sentence is decided only when the next word's first letter has arrived. A sentence longer
 * than {@code maxChars} is cut at the last comma, semicolon, colon or dash (else at the last space) so
 * that long sentences still start to play early. Not thread-safe: one splitter per stream.
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
            // German
            "z.b", "d.h", "u.a", "o.ä", "u.ä", "s.o", "s.u", "u.u", "i.d.r", "z.t", "usw", "bzw", "ca", "vgl", "evtl",
            "ggf", "inkl", "exkl", "zzgl", "mio", "mrd", "jh", "abb", "tel", "str", "hr", "fr", "hrsg", "bspw", "sog",
            "nr", "dr", "prof", "dipl", "ing", "st", "ff", "bd", "jhd", "kap", "max", "min", "mind", "sek", "std",
            // English
            "mr", "mrs", "ms", "jr", "sr", "vs", "e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "approx", "cf", "fig",
            "no", "vol", "pp", "a.m", "p.m", "u.s", "u.k", "dept", "est", "mt", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "sept", "oct", "nov", "dec", "okt", "dez");

    /** Words after an ordinal number that show the period belongs to the number ({@code 3. Oktober}). */
    private static final Set<String> AFTER_ORDINAL = Set.of(
            "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "dezember", "january", "february", "march", "june", "july", "october", "december",
            "jahrhundert", "jahrtausend", "klasse", "platz", "stock", "auflage", "mal", "jh");

    private static final String TERMINATORS = ".!?…";
    private static final String CLOSERS = "\"'”’»«)]";
    private static final String SOFT_BREAKS = ",;:–—";

    private final int maxChars;
    private final StringBuilder buffer = new StringBuilder();

    /** @param maxChars longest sentence before it is cut at a pause; at least 20 */
    public SentenceSplitter(int maxChars) {
        if (maxChars < 20) {
            throw new IllegalArgumentException("maxChars must be 20 or more, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** Adds streamed text; returns the sentences it completed, in order, trimmed and never blank. */
    public List<String> add(String text) {
        buffer.append(text);
        return drain(false);
    }

    /** The text is complete: returns what is left as the last sentences. */
    public List<String> flush() {
        return drain(true);
    }

    private List<String> drain(boolean end) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int cut;
        while ((cut = boundary(start, end)) > 0) {
            emit(sentences, buffer.substring(start, cut));
            start = cut;
        }
        buffer.delete(0, start);
        while (buffer.length() > maxChars) {
            int soft = softCut();
            emit(sentences, buffer.substring(0, soft));
            buffer.delete(0, soft);
        }
        if (end) {
            emit(sentences, buffer.toString());
            buffer.setLength(0);
        }
        return sentences;
    }

    /** The end (exclusive) of the first sentence starting at {@code start}, or -1 when not decided yet. */
    private int boundary(int start, boolean end) {
        int length = buffer.length();
        for (int i = start; i < length; i++) {
            char c = buffer.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (TERMINATORS.indexOf(c) < 0) {
                continue;
            }
            int j = i + 1;
            while (j < length && (TERMINATORS.indexOf(buffer.charAt(j)) >= 0 || CLOSERS.indexOf(buffer.charAt(j)) >= 0)) {
                j++;
            }
            if (j == length) {
                return end ? j : -1;
            }
            if (!Character.isWhitespace(buffer.charAt(j))) {
                i = j - 1; // "3.14", "z.B.", "www.example.org": inside a token
                continue;
            }
            if (c == '!' || c == '?') {
                return j;
            }
            int next = j;
            while (next < length && Character.isWhitespace(buffer.charAt(next)) && buffer.charAt(next) != '\n') {
                next++;
            }
            if (next == length) {
                if (end) {
                    return j;
                }
                return -1;
            }
            if (buffer.charAt(next) == '\n') {
                return j;
            }
            Decision decision = decide(start, i, c, next, end);
            if (decision == Decision.WAIT) {
                return -1;
            }
            if (decision == Decision.END) {
                return j;
            }
            i = j - 1;
        }
        return -1;
    }

    private enum Decision { END, GO_ON, WAIT }

    private Decision decide(int start, int terminator, char c, int next, boolean end) {
        if (c != '.') {
            return Decision.END;
        }
        if (terminator + 1 < buffer.length() && buffer.charAt(terminator + 1) == '.') {
            // "..." ends a sentence only before a capital
            return Character.isUpperCase(buffer.charAt(next)) ? Decision.END : Decision.GO_ON;
        }
        String word = wordBefore(terminator);
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return Decision.GO_ON; // an initial, or "z. B."
        }
        if (ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT)) || Character.isLowerCase(buffer.charAt(next))) {
            return Decision.GO_ON;
        }
        if (!word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
            if (buffer.substring(start, terminator).strip().equals(word)) {
                return Decision.GO_ON; // "1. Schritt" at the start of a line is a list number
            }
            String following = wordAt(next);
            if (next + following.length() == buffer.length() && !end) {
                return Decision.WAIT; // "3. Okt" may become "3. Oktober"
            }
            return AFTER_ORDINAL.contains(following.toLowerCase(Locale.ROOT)) ? Decision.GO_ON : Decision.END;
        }
        return Decision.END;
    }

    /** The letters, digits and dots right before {@code index}, without a trailing dot. */
    private String wordBefore(int index) {
        int from = index;
        while (from > 0) {
            char p = buffer.charAt(from - 1);
            if (!Character.isLetterOrDigit(p) && p != '.') {
                break;
            }
            from--;
        }
        return buffer.substring(from, index);
    }

    private String wordAt(int index) {
        int to = index;
        while (to < buffer.length() && Character.isLetter(buffer.charAt(to))) {
            to++;
        }
        return buffer.substring(index, to);
    }

    /** Where to cut an over-long sentence: after the last pause within the limit, else the last space. */
    private int softCut() {
        int lastSpace = -1;
        for (int i = maxChars - 1; i > 0; i--) {
            char c = buffer.charAt(i);
            if (Character.isWhitespace(c)) {
                if (SOFT_BREAKS.indexOf(buffer.charAt(i - 1)) >= 0) {
                    return i;
                }
                if (lastSpace < 0) {
                    lastSpace = i;
                }
            }
        }
        if (lastSpace > 0) {
            return lastSpace;
        }
        return Character.isHighSurrogate(buffer.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    }

    private static void emit(List<String> sentences, String text) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty()) {
            sentences.add(trimmed);
        }
    }
}
