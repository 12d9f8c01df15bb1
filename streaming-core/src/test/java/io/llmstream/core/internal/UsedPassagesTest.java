package io.llmstream.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Citation;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsedPassagesTest {

    private static final Citation PYRAMIDS = new Citation("d1:0",
            "Die Pyramiden von Gizeh wurden als Grabmäler der Pharaonen errichtet.", 0.9, "d1", 0);
    private static final Citation NILE = new Citation("d2:0",
            "Der Nil überschwemmte jedes Jahr die Felder und brachte fruchtbaren Schlamm.", 0.7, "d2", 0);
    private static final Citation PAPYRUS = new Citation("d3:0",
            "Papyrus wurde aus dem Mark der Staude gewonnen und diente als Schreibmaterial.", 0.5, "d3", 0);
    private static final List<Citation> PASSAGES = List.of(PYRAMIDS, NILE, PAPYRUS);

    @Test
    void shouldListThePassagesTheAnswerMarksInTheOrderOfFirstUse() {
        List<Citation> used = UsedPassages.of("Der Nil düngte die Felder [2]. Geschrieben wurde auf Papyrus [3][2].",
                PASSAGES, "Wie lebten die Ägypter?");

        assertThat(used).containsExactly(NILE, PAPYRUS);
    }

    @Test
    void shouldReadMarkersThatListSeveralPassages() {
        assertThat(UsedPassages.of("Beides stimmt [3, 1].", PASSAGES, "Frage")).containsExactly(PAPYRUS, PYRAMIDS);
    }

    @Test
    void shouldIgnoreMarkersOutsideTheNumberedPassages() {
        List<Citation> used = UsedPassages.of("Siehe [0], [4] und [1].", PASSAGES, "Frage");

        assertThat(used).containsExactly(PYRAMIDS);
    }

    @Test
    void shouldFallBackToDistinctiveWordsWhenTheAnswerHasNoMarker() {
        List<Citation> used = UsedPassages.of(
                "Man schrieb auf Papyrus, einem Schreibmaterial. Die Pharaonen ließen sich Grabmäler bauen.",
                PASSAGES, "Wie lebten die Ägypter?");

        assertThat(used).containsExactly(PAPYRUS, PYRAMIDS);
    }

    @Test
    void shouldFallBackToDistinctiveWordsWhenEveryMarkerIsOutOfRange() {
        assertThat(UsedPassages.of("Der Nil brachte fruchtbaren Schlamm auf die Felder [7].", PASSAGES, "Frage"))
                .containsExactly(NILE);
    }

    @Test
    void shouldNotCountWordsThatTheQuestionAlreadyContains() {
        List<Citation> used = UsedPassages.of("Die Pyramiden von Gizeh sind alt.", PASSAGES,
                "Wie alt sind die Pyramiden von Gizeh?");

        assertThat(used).isEmpty();
    }

    @Test
    void shouldNotCountWordsThatSeveralPassagesShare() {
        Citation first = new Citation("a:0", "Kleopatra regierte Ägypten.", 0.9, "a", 0);
        Citation second = new Citation("b:0", "Kleopatra regierte lange.", 0.8, "b", 0);

        assertThat(UsedPassages.of("Kleopatra regierte.", List.of(first, second), "Frage")).isEmpty();
    }

    @Test
    void shouldUseNoPassageWhenTheAnswerNeitherMarksNorEchoesAny() {
        assertThat(UsedPassages.of("Das weiß ich nicht.", PASSAGES, "Wie lebten die Ägypter?")).isEmpty();
    }
}
