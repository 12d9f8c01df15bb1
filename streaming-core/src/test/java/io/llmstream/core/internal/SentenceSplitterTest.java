package io.llmstream.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> split(String text) {
        SentenceSplitter splitter = new SentenceSplitter(240);
        List<String> sentences = new ArrayList<>(splitter.add(text));
        sentences.addAll(splitter.flush());
        return sentences;
    }

    /** Feeds the text one character at a time, as a slow LLM would. */
    private static List<String> splitStreamed(String text, int maxChars) {
        SentenceSplitter splitter = new SentenceSplitter(maxChars);
        List<String> sentences = new ArrayList<>();
        text.codePoints().forEach(cp -> sentences.addAll(splitter.add(Character.toString(cp))));
        sentences.addAll(splitter.flush());
        return sentences;
    }

    @Test
    void shouldSplitGermanAndEnglishSentences() {
        assertThat(split("KI ist ein Teilgebiet der Informatik. Sie ist alt! Ist sie neu? Nein."))
                .containsExactly("KI ist ein Teilgebiet der Informatik.", "Sie ist alt!", "Ist sie neu?", "Nein.");
        assertThat(split("This is one. That is two.")).containsExactly("This is one.", "That is two.");
    }

    @Test
    void shouldNotSplitAfterAbbreviations() {
        assertThat(split("Es gibt z. B. Hunde, d.h. Tiere usw. und andere. Dr. Müller kommt."))
                .containsExactly("Es gibt z. B. Hunde, d.h. Tiere usw. und andere.", "Dr. Müller kommt.");
        assertThat(split("Use a tool, e.g. Maven, etc. and Mr. Smith agrees. Done."))
                .containsExactly("Use a tool, e.g. Maven, etc. and Mr. Smith agrees.", "Done.");
        assertThat(split("J. R. R. Tolkien schrieb Bücher.")).containsExactly("J. R. R. Tolkien schrieb Bücher.");
    }

    @Test
    void shouldNotSplitNumbersOrdinalsAndListNumbers() {
        assertThat(split("Pi ist 3.14 groß. Am 3. Oktober ist Feiertag. Im 19. Jahrhundert war das so."))
                .containsExactly("Pi ist 3.14 groß.", "Am 3. Oktober ist Feiertag.", "Im 19. Jahrhundert war das so.");
        assertThat(split("1. Schritt eins\n2. Schritt zwei")).containsExactly("1. Schritt eins", "2. Schritt zwei");
        assertThat(split("Es kostet 5. Danach nichts.")).containsExactly("Es kostet 5.", "Danach nichts.");
    }

    @Test
    void shouldSplitAtLineBreaksAndKeepClosingQuotes() {
        assertThat(split("# Titel\nEr sagte: \"Hallo.\" Dann ging er.")).containsExactly("# Titel", "Er sagte: \"Hallo.\"",
                "Dann ging er.");
    }

    @Test
    void shouldGiveTheSameSentencesWhenTextArrivesCharacterByCharacter() {
        String text = "Es gibt z. B. Hunde. Am 3. Oktober ist Feiertag! Pi ist 3.14. Ende...";
        assertThat(splitStreamed(text, 240)).isEqualTo(split(text));
    }

    @Test
    void shouldWaitForTheNextWordBeforeDecidingAboutAPeriod() {
        SentenceSplitter splitter = new SentenceSplitter(240);
        assertThat(splitter.add("Das ist z. ")).isEmpty();
        assertThat(splitter.add("B. ")).isEmpty();
        assertThat(splitter.add("gut. ")).isEmpty();
        assertThat(splitter.add("Weiter")).containsExactly("Das ist z. B. gut.");
        assertThat(splitter.flush()).containsExactly("Weiter");
    }

    @Test
    void shouldCutLongSentencesAtAPauseSoTheyStartEarly() {
        String clause = "ein langer Teilsatz ohne Ende, ";
        List<String> sentences = splitStreamed(clause.repeat(10), 80);
        assertThat(sentences).hasSizeGreaterThan(3).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(80));
        assertThat(String.join(" ", sentences)).isEqualTo(clause.repeat(10).strip());
        assertThat(sentences.getFirst()).endsWith(",");
    }

    @Test
    void shouldRejectATooSmallMaximum() {
        assertThatThrownBy(() -> new SentenceSplitter(5)).hasMessageContaining("maxChars");
    }

    @Test
    void shouldDropMarkdownAndCitationMarkersFromSpokenText() {
        assertThat(SpeakableText.of("- **KI** ist [wichtig](http://x.y) [1][2]."))
                .isEqualTo("KI ist wichtig .");
        assertThat(SpeakableText.of("***")).isEmpty();
    }

    @Test
    void shouldWriteAStreamableWavHeader() {
        byte[] header = WavHeader.streaming(22_050);
        assertThat(header).hasSize(44);
        assertThat(new String(header, 0, 4)).isEqualTo("RIFF");
        assertThat(new String(header, 36, 4)).isEqualTo("data");
        assertThat(java.nio.ByteBuffer.wrap(header, 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(22_050);
    }
}
