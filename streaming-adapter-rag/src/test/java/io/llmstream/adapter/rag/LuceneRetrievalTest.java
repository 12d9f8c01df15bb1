package io.llmstream.adapter.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import io.llmstream.core.port.IngestionException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LuceneRetrievalTest {

    private static final UUID CHARACTER = UUID.randomUUID();
    private final LuceneRetrieval base = LuceneRetrieval.open(RetrievalConfig.inMemory());

    @AfterEach
    void close() {
        base.close();
    }

    @Test
    void shouldAnswerFromEveryFormatWithCitationsOfThatDocument() {
        DocumentContent text = TestDocuments.text(CHARACTER, "tea.txt", "Green tea is brewed at eighty degrees.");
        DocumentContent markdown = TestDocuments.markdown(CHARACTER, "bikes.md",
                "# Bicycles\n\nA bicycle chain should be lubricated every month.");
        DocumentContent html = TestDocuments.html(CHARACTER, "volcano.html",
                "<h1>Volcanoes</h1><p>Volcanic eruptions eject magma and ash.</p>");
        DocumentContent pdf = TestDocuments.pdf(CHARACTER, "warranty.pdf", "The warranty covers batteries for two years.");
        List.of(text, markdown, html, pdf).forEach(base.knowledgeBase()::index);

        assertThat(top("How hot should the water be for green tea?")).isEqualTo(text.documentId().toString());
        assertThat(top("lubricating a bicycle chain")).isEqualTo(markdown.documentId().toString());
        assertThat(top("what does an eruption throw out")).isEqualTo(html.documentId().toString());
        assertThat(top("how long is the battery warranty")).isEqualTo(pdf.documentId().toString());
    }

    @Test
    void shouldReturnCitationsInRankOrderWithNormalisedScoresForBothStrategies() {
        base.knowledgeBase().index(TestDocuments.markdown(CHARACTER, "sleep.md", """
                # Sleep
                Adults need seven to nine hours of sleep per night.

                # Naps
                A short nap of twenty minutes improves alertness.

                # Caffeine
                Caffeine late in the day delays sleep onset.
                """));

        for (SearchStrategy strategy : SearchStrategy.values()) {
            List<Citation> citations = retrieve("how many hours of sleep do adults need", strategy, 2);

            assertThat(citations).hasSize(2);
            assertThat(citations.getFirst().content()).contains("seven to nine hours");
            assertThat(citations.getFirst().id()).isEqualTo(citations.getFirst().documentId() + ":0");
            assertThat(citations).extracting(Citation::score).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
            assertThat(citations.get(0).score()).isGreaterThanOrEqualTo(citations.get(1).score());
        }
    }

    @Test
    void shouldCarryTheDocumentTitleAndEachStagesScoreAndRankIntoTheCitations() {
        base.knowledgeBase().index(TestDocuments.markdown(CHARACTER, "sleep.md", """
                # Sleep
                Adults need seven to nine hours of sleep per night.

                # Naps
                A short nap of twenty minutes improves alertness.
                """));

        Citation single = retrieve("how many hours of sleep do adults need", SearchStrategy.SINGLE_STAGE, 1).getFirst();
        Citation twoStage = retrieve("how many hours of sleep do adults need", SearchStrategy.TWO_STAGE, 1).getFirst();

        assertThat(single.title()).isEqualTo("sleep.md");
        assertThat(single.firstStageRank()).isEqualTo(1);
        assertThat(single.firstStageScore()).isEqualTo(single.score());
        assertThat(single.secondStageScore()).isEmpty();
        assertThat(twoStage.title()).isEqualTo("sleep.md");
        assertThat(twoStage.firstStageRank()).isGreaterThanOrEqualTo(1);
        assertThat(twoStage.firstStageScore()).isBetween(0.0, 1.0);
        assertThat(twoStage.secondStageScore()).hasValueSatisfying(s -> assertThat(s).isBetween(0.0, 1.0));
    }

    @Test
    void shouldOnlySearchTheAskedCharacterOfTheAskedOwner() {
        UUID other = UUID.randomUUID();
        base.knowledgeBase().index(TestDocuments.text(other, "secret.txt", "The vault code is hidden under the carpet."));
        base.knowledgeBase().index(new DocumentContent(UUID.randomUUID(), "mallory", CHARACTER, "mine.txt", "text/plain",
                "The vault code of mallory is in the drawer.".getBytes(StandardCharsets.UTF_8)));

        assertThat(retrieve("vault code", SearchStrategy.SINGLE_STAGE, 4)).isEmpty();
        assertThat(base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER, other, "vault code",
                SearchToolConfig.defaults()))).hasSize(1);
    }

    @Test
    void shouldMatchGermanInflectionsAndCompoundParts() {
        DocumentContent doc = TestDocuments.text(CHARACTER, "haus.txt",
                "Den Haustürschlüssel bekommen neue Mieter beim Einzug vom Hausmeister.");
        base.knowledgeBase().index(doc);

        assertThat(top("Wo gibt es den Schlüssel für die Tür?")).isEqualTo(doc.documentId().toString());
        assertThat(top("Mieterin Schlüsseln")).isEqualTo(doc.documentId().toString());
    }

    @Test
    void shouldMatchEnglishInflections() {
        DocumentContent doc = TestDocuments.text(CHARACTER, "run.txt", "The runners were training daily.");
        base.knowledgeBase().index(doc);

        assertThat(top("runner trains")).isEqualTo(doc.documentId().toString());
    }

    @Test
    void shouldReplaceTheChunksWhenADocumentIsIngestedAgain() {
        UUID id = UUID.randomUUID();
        base.knowledgeBase().index(TestDocuments.of(id, CHARACTER, "v1", "text/plain", bytes("Refunds take 14 days.")));

        base.knowledgeBase().index(TestDocuments.of(id, CHARACTER, "v2", "text/plain", bytes("Refunds take 30 days.")));

        assertThat(retrieve("refunds", SearchStrategy.SINGLE_STAGE, 4)).singleElement()
                .extracting(Citation::content).isEqualTo("Refunds take 30 days.");
    }

    @Test
    void shouldKeepTheOldVersionWhenTheNewOneIsRefused() {
        UUID id = UUID.randomUUID();
        base.knowledgeBase().index(TestDocuments.of(id, CHARACTER, "v1", "text/plain", bytes("Refunds take 14 days.")));

        assertThatThrownBy(() -> base.knowledgeBase().index(TestDocuments.of(id, CHARACTER, "v2", "application/pdf",
                bytes("%PDF-broken")))).isInstanceOf(IngestionException.class).hasMessageContaining("v2");

        assertThat(retrieve("refunds", SearchStrategy.SINGLE_STAGE, 4)).singleElement()
                .extracting(Citation::content).isEqualTo("Refunds take 14 days.");
    }

    @Test
    void shouldForgetRemovedDocumentsAndCharacters() {
        DocumentContent first = TestDocuments.text(CHARACTER, "a.txt", "Penguins live in Antarctica.");
        DocumentContent second = TestDocuments.text(CHARACTER, "b.txt", "Penguins cannot fly.");
        base.knowledgeBase().index(first);
        base.knowledgeBase().index(second);

        base.knowledgeBase().remove(first.documentId());
        assertThat(retrieve("penguins", SearchStrategy.SINGLE_STAGE, 4)).extracting(Citation::documentId)
                .containsExactly(second.documentId().toString());

        base.knowledgeBase().removeCharacter(CHARACTER);
        assertThat(retrieve("penguins", SearchStrategy.TWO_STAGE, 4)).isEmpty();
        base.knowledgeBase().remove(UUID.randomUUID());
    }

    @Test
    void shouldReturnNothingForAnEmptyBaseOrAQuestionOfStopWordsOnly() {
        assertThat(retrieve("what is this", SearchStrategy.TWO_STAGE, 4)).isEmpty();
        base.knowledgeBase().index(TestDocuments.text(CHARACTER, "a.txt", "Penguins live in Antarctica."));
        assertThat(retrieve("the and of", SearchStrategy.SINGLE_STAGE, 4)).isEmpty();
        assertThat(retrieve("   ", SearchStrategy.TWO_STAGE, 4)).isEmpty();
    }

    @Test
    void shouldReportReadinessUntilClosed() {
        assertThat(base.isReady()).isTrue();
        base.close();
        assertThat(base.isReady()).isFalse();
    }

    private String top(String question) {
        List<Citation> citations = retrieve(question, SearchStrategy.SINGLE_STAGE, 1);
        assertThat(citations).as("citations for '%s'", question).isNotEmpty();
        return citations.getFirst().documentId();
    }

    private List<Citation> retrieve(String question, SearchStrategy strategy, int topK) {
        return base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER, CHARACTER, question,
                new SearchToolConfig(strategy, topK)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
