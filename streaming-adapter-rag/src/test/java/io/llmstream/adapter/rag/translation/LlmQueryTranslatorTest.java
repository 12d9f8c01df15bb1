package io.llmstream.adapter.rag.translation;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.adapter.rag.embedding.HashingEmbedder;
import io.llmstream.adapter.rag.language.TextLanguage;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import io.llmstream.core.port.LlmStream;
import io.llmstream.testkit.ScriptedLlmStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LlmQueryTranslatorTest {

    private static final UUID CHARACTER = UUID.randomUUID();
    private static final String QUESTION = "How long is the notice period of the rental contract?";
    private static final String GERMAN = "Wie lang ist die Kündigungsfrist des Mietvertrags?";

    @Test
    void shouldFindAGermanPassageForAnEnglishQuestionThroughItsTranslation() {
        TranslatingLlmStream llm = new TranslatingLlmStream().translating(QUESTION, TextLanguage.GERMAN, GERMAN);
        try (LuceneRetrieval base = open(llm, QueryTranslationConfig.defaults())) {
            String lease = ingestGermanDocuments(base);

            for (SearchStrategy strategy : SearchStrategy.values()) {
                assertThat(ask(base, strategy)).first().extracting(Citation::documentId).isEqualTo(lease);
            }
        }
    }

    @Test
    void shouldSearchWithTheOriginalQuestionWhenTheTranslationTimesOut() {
        ScriptedLlmStream stalling = ScriptedLlmStream.thatStreams("de: ").thenStalls();
        try (LuceneRetrieval base = open(stalling,
                QueryTranslationConfig.defaults().withTimeout(Duration.ofMillis(200)))) {
            ingestGermanDocuments(base);
            base.knowledgeBase().index(TestDocuments.text(CHARACTER, "en.txt", "The rental contract is kept in the drawer."));

            List<Citation> citations = ask(base, SearchStrategy.SINGLE_STAGE);

            assertThat(citations).first().extracting(Citation::content).asString().contains("rental contract");
            assertThat(base.translationFailures()).isEqualTo(1);
        }
    }

    @Test
    void shouldAskTheLlmOnceForARepeatedQuestion() {
        TranslatingLlmStream llm = new TranslatingLlmStream().translating(QUESTION, TextLanguage.GERMAN, GERMAN);
        try (LuceneRetrieval base = open(llm, QueryTranslationConfig.defaults())) {
            ingestGermanDocuments(base);

            ask(base, SearchStrategy.SINGLE_STAGE);
            ask(base, SearchStrategy.TWO_STAGE);

            assertThat(llm.completions()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotAskTheLlmWhenAllDocumentsAreInTheQuestionsLanguage() {
        TranslatingLlmStream llm = new TranslatingLlmStream();
        try (LuceneRetrieval base = open(llm, QueryTranslationConfig.defaults())) {
            base.knowledgeBase().index(TestDocuments.text(CHARACTER, "en.txt", "The notice period of the lease is three months."));

            assertThat(ask(base, SearchStrategy.SINGLE_STAGE)).isNotEmpty();
            assertThat(llm.completions()).isZero();
        }
    }

    private static LuceneRetrieval open(LlmStream llm, QueryTranslationConfig translation) {
        return LuceneRetrieval.open(RetrievalConfig.inMemory(), new HashingEmbedder(), llm, translation);
    }

    private static String ingestGermanDocuments(LuceneRetrieval base) {
        var lease = TestDocuments.text(CHARACTER, "miete.txt",
                "Die Kündigungsfrist des Mietvertrags beträgt drei Monate zum Monatsende.");
        base.knowledgeBase().index(lease);
        base.knowledgeBase().index(TestDocuments.text(CHARACTER, "strom.txt",
                "Der Stromvertrag kann jederzeit mit zwei Wochen Frist gewechselt werden."));
        return lease.documentId().toString();
    }

    private static List<Citation> ask(LuceneRetrieval base, SearchStrategy strategy) {
        return base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER, CHARACTER, QUESTION,
                new SearchToolConfig(strategy, 2)));
    }
}
