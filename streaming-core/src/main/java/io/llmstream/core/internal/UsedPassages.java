package io.llmstream.core.internal;

import io.llmstream.core.model.Citation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the numbered passages of the prompt an answer actually uses, in the order it first uses them.
 *
 * <p>First the answer's markers: {@code [n]} or {@code [n, m]} with {@code n} between 1 and the number of
 * passages (others are ignored). When the answer has none in range, a small heuristic: a passage counts as used
 * when at least {@value #MIN_SHARED_WORDS} of its distinctive words appear in the answer (its only one, if it has
 * just one). A distinctive word has at least {@value #MIN_WORD_LENGTH} letters or digits, occurs in no other
 * passage and not in the question (words the user asked about appear in any answer, used or not); words are
 * compared lower-cased. A passage without a marker is then ordered by its first distinctive word in the answer.
 */
public final class UsedPassages {

    static final int MIN_WORD_LENGTH = 5;
    static final int MIN_SHARED_WORDS = 2;

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private UsedPassages() {
    }

    /**
     * @param answer   the answer's text, also a partial one
     * @param passages the passages as numbered in the prompt ({@code [1]} is the first)
     * @param question the user's message the answer replies to
     * @return the used passages in the order of their first use; empty when the answer uses none
     */
    public static List<Citation> of(String answer, List<Citation> passages, String question) {
        if (passages.isEmpty() || answer.isBlank()) {
            return List.of();
        }
        List<Citation> marked = byMarkers(answer, passages);
        return marked.isEmpty() ? byDistinctiveWords(answer, passages, question) : marked;
    }

    private static List<Citation> byMarkers(String answer, List<Citation> passages) {
        Set<Integer> used = new LinkedHashSet<>();
        Matcher marker = MARKER.matcher(answer);
        while (marker.find()) {
            for (String number : marker.group(1).split(",")) {
                int n = Integer.parseInt(number.strip());
                if (n >= 1 && n <= passages.size()) {
                    used.add(n - 1);
                }
            }
        }
        return used.stream().map(passages::get).toList();
    }

    private static List<Citation> byDistinctiveWords(String answer, List<Citation> passages, String question) {
        Map<String, Integer> firstInAnswer = new HashMap<>();
        Matcher word = WORD.matcher(answer.toLowerCase(Locale.ROOT));
        while (word.find()) {
            firstInAnswer.putIfAbsent(word.group(), word.start());
        }
        List<Set<String>> words = passages.stream().map(p -> words(p.content())).toList();
        Set<String> asked = words(question);
        List<int[]> used = new ArrayList<>(); // {passage index, first position in the answer}
        for (int i = 0; i < passages.size(); i++) {
            Set<String> distinctive = new HashSet<>(words.get(i));
            distinctive.removeAll(asked);
            for (int j = 0; j < passages.size(); j++) {
                if (j != i) {
                    distinctive.removeAll(words.get(j));
                }
            }
            int needed = Math.min(MIN_SHARED_WORDS, distinctive.size());
            List<Integer> positions = distinctive.stream().filter(firstInAnswer::containsKey).map(firstInAnswer::get).toList();
            if (needed > 0 && positions.size() >= needed) {
                used.add(new int[] {i, positions.stream().min(Integer::compare).orElseThrow()});
            }
        }
        return used.stream().sorted(Comparator.comparingInt(u -> u[1])).map(u -> passages.get(u[0])).toList();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            if (word.group().length() >= MIN_WORD_LENGTH) {
                words.add(word.group());
            }
        }
        return words;
    }
}
