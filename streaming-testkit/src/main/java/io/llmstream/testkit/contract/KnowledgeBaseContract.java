package io.llmstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.IngestionException;
import io.llmstream.core.port.KnowledgeBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContextRetriever} with its {@link KnowledgeBase} must do, for plain-text
 * documents. Extend it in the adapter's tests; each test gets an empty knowledge base.
 */
public abstract class KnowledgeBaseContract {

    /** A retriever and the index it searches, sharing one empty knowledge base. */
    public record Subject(ContextRetriever retriever, KnowledgeBase knowledgeBase) {
    }

    protected abstract Subject emptyKnowledgeBase();

    /** The strategy the tests search with; override to run the contract with {@code two_stage}. */
    protected SearchStrategy strategy() {
        return SearchStrategy.SINGLE_STAGE;
    }

    private static final String OWNER = "alice";
    private static final String KI_TEXT = """
            Künstliche Intelligenz (KI) bezeichnet Systeme, die Aufgaben lösen, für die sonst menschliche Intelligenz nötig ist.

            The Eiffel Tower in Paris was completed in 1889 and is about 330 metres tall.

            Photosynthesis converts light energy into chemical energy stored in glucose inside plant chloroplasts.
            """;

    private Subject kb;
    private final UUID character = UUID.randomUUID();

    @BeforeEach
    void emptyBase() {
        kb = emptyKnowledgeBase();
    }

    protected DocumentContent text(UUID documentId, UUID characterId, String text) {
        return new DocumentContent(documentId, OWNER, characterId, "Document " + documentId, "text/plain",
                text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Citation> search(UUID characterId, String question, int topK) {
        return kb.retriever().retrieve(new RetrievalQuery(OWNER, characterId, question, new SearchToolConfig(strategy(), topK)));
    }

    @Test
    void shouldFindThePassageThatAnswersTheQuestion() {
        UUID document = UUID.randomUUID();
        assertThat(kb.knowledgeBase().index(text(document, character, KI_TEXT))).isGreaterThanOrEqualTo(1);

        List<Citation> hits = search(character, "How tall is the Eiffel Tower in Paris?", 4);

        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).content()).contains("Eiffel");
        assertThat(hits.get(0).documentId()).isEqualTo(document.toString());
    }

    @Test
    void shouldReturnAtMostTopKPassagesBestFirstWithScoresWithinZeroAndOne() {
        kb.knowledgeBase().index(text(UUID.randomUUID(), character, KI_TEXT));

        List<Citation> hits = search(character, "Eiffel Tower Paris photosynthesis plant energy Intelligenz", 2);

        assertThat(hits).hasSizeLessThanOrEqualTo(2).isNotEmpty();
        assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isBetween(0.0, 1.0));
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
    }

    @Test
    void shouldSearchOnlyTheKnowledgeBaseOfTheAskedCharacter() {
        kb.knowledgeBase().index(text(UUID.randomUUID(), character, KI_TEXT));

        assertThat(search(UUID.randomUUID(), "How tall is the Eiffel Tower in Paris?", 4)).isEmpty();
    }

    @Test
    void shouldForgetARemovedDocument() {
        UUID document = UUID.randomUUID();
        kb.knowledgeBase().index(text(document, character, KI_TEXT));

        kb.knowledgeBase().remove(document);

        assertThat(search(character, "How tall is the Eiffel Tower in Paris?", 4)).isEmpty();
    }

    @Test
    void shouldReplaceThePassagesOfADocumentIndexedAgain() {
        UUID document = UUID.randomUUID();
        kb.knowledgeBase().index(text(document, character, KI_TEXT));

        kb.knowledgeBase().index(text(document, character, "Saturn has a prominent ring system made of ice and rock."));

        assertThat(search(character, "How tall is the Eiffel Tower in Paris?", 4))
                .noneSatisfy(hit -> assertThat(hit.content()).contains("Eiffel"));
        assertThat(search(character, "Which planet has rings of ice and rock?", 4)).isNotEmpty();
    }

    @Test
    void shouldForgetEveryDocumentOfARemovedCharacter() {
        kb.knowledgeBase().index(text(UUID.randomUUID(), character, KI_TEXT));

        kb.knowledgeBase().removeCharacter(character);

        assertThat(search(character, "How tall is the Eiffel Tower in Paris?", 4)).isEmpty();
    }

    @Test
    void shouldAnswerAnEmptyKnowledgeBaseWithNoPassages() {
        assertThat(search(character, "Anything at all?", 4)).isEmpty();
    }

    @Test
    void shouldRefuseAnEmptyDocumentNamingIt() {
        UUID document = UUID.randomUUID();
        assertThatThrownBy(() -> kb.knowledgeBase().index(text(document, character, "  \n\n  ")))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("Document " + document)
                .satisfies(e -> assertThat(((IngestionException) e).reason()).isEqualTo(IngestionException.Reason.EMPTY));
    }
}
