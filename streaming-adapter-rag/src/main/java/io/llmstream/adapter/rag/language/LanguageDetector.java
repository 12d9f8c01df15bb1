package io.llmstream.adapter.rag.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Tells English from German with Lingua's n-gram models (only these two are loaded, ~0.5 s once, shared
 * by the process). Reliable on passages; on a few words it says how sure it is, which the query side uses.
 * Thread-safe.
 */
public final class LanguageDetector {

    private static final Map<Language, TextLanguage> LANGUAGES = Map.of(
            Language.ENGLISH, TextLanguage.ENGLISH,
            Language.GERMAN, TextLanguage.GERMAN);

    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;

    private LanguageDetector() {
        lingua = LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.GERMAN).build();
    }

    /** The one instance of the process: its models cost memory and load time, so they are shared. */
    public static LanguageDetector shared() {
        return Holder.INSTANCE;
    }

    /** The language of a passage; text without letters counts as English (any analyzer does for numbers). */
    public TextLanguage detect(String text) {
        Objects.requireNonNull(text, "text");
        return LANGUAGES.getOrDefault(lingua.detectLanguageOf(text), TextLanguage.ENGLISH);
    }

    /**
     * For each language, how likely {@code text} is in it, relative to the most likely (Lingua's confidence values):
     * the most likely language has 1, the others 0..1 (they do not sum to 1); all 0 for text without letters.
     */
    public Map<TextLanguage, Double> confidences(String text) {
        Objects.requireNonNull(text, "text");
        Map<TextLanguage, Double> result = new EnumMap<>(TextLanguage.class);
        for (TextLanguage language : TextLanguage.values()) {
            result.put(language, 0.0);
        }
        SortedMap<Language, Double> values = lingua.computeLanguageConfidenceValues(text);
        values.forEach((language, confidence) -> {
            TextLanguage ours = LANGUAGES.get(language);
            if (ours != null) {
                result.put(ours, confidence);
            }
        });
        return result;
    }

    private static final class Holder {
        private static final LanguageDetector INSTANCE = new LanguageDetector();
    }
}
