package io.llmstream.adapter.rag.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lingua as the knowledge base uses it, on the class path the app ships (kotlin-reflect excluded). */
class LanguageDetectorTest {

    private final LanguageDetector detector = LanguageDetector.shared();

    @Test
    void shouldTellGermanFromEnglishPassages() {
        assertThat(detector.detect("Für die Wohnung in der Lindenstraße ist eine Kaution von drei Monatsmieten zu zahlen."))
                .isEqualTo(TextLanguage.GERMAN);
        assertThat(detector.detect("The flat in Linden Street requires a deposit of three months' rent."))
                .isEqualTo(TextLanguage.ENGLISH);
    }

    @Test
    void shouldSayHowSureItIsOfAFewWords() {
        Map<TextLanguage, Double> confidences = detector.confidences("Wie hoch ist die Kaution?");

        assertThat(confidences.get(TextLanguage.GERMAN)).isGreaterThan(confidences.get(TextLanguage.ENGLISH));
        assertThat(confidences.get(TextLanguage.GERMAN)).as("the most likely language").isEqualTo(1.0);
        assertThat(confidences.get(TextLanguage.ENGLISH)).as("relative to it, not a share of 1").isBetween(0.0, 1.0);
    }

    @Test
    void shouldRunWithoutKotlinReflectWhichTheShippedJarLeavesOut() {
        assertThat(detector.detect("Das Hallenbad am Markt ist werktags geöffnet.")).isEqualTo(TextLanguage.GERMAN);

        assertThatThrownBy(() -> Class.forName("kotlin.reflect.full.KClasses"))
                .as("kotlin-reflect is excluded from Lingua's dependencies (streaming-adapter-rag/pom.xml)")
                .isInstanceOf(ClassNotFoundException.class);
    }
}
