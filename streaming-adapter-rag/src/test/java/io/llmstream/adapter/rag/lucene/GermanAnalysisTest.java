package io.llmstream.adapter.rag.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.adapter.rag.embedding.HashingEmbedder;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import java.io.IOException;
import io.llmstream.adapter.rag.ingest.Chunker;
import io.llmstream.adapter.rag.ingest.DocumentParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GermanAnalysisTest {

    private static final UUID CHARACTER = UUID.randomUUID();
    private final LuceneRetrieval base = LuceneRetrieval.open(RetrievalConfig.inMemory(), new HashingEmbedder());

    @AfterEach
    void close() {
        base.close();
    }

    @Test
    void shouldSplitACompoundIntoTheWordsAPhraseUses() throws IOException {
        List<String> compound = tokens(Analyzers.german(), "Wärmepumpentarif");
        List<String> phrase = tokens(Analyzers.german(), "Tarif für die Wärmepumpe");

        // stemmed and without umlauts: "wärme" -> "warm", "pumpe" -> "pump"
        assertThat(compound).contains("tarif", "warm", "pump");
        assertThat(phrase).contains("tarif", "warm", "pump");
    }

    @Test
    void shouldFindThePassageOfTheCompoundWhenAskedInSeparateWords() {
        String tariff = index("tarife.md", "# Wärmepumpentarif\n\nDer Wärmepumpentarif kostet 24 Cent je Kilowattstunde.");
        index("auto.md", "# Autostromtarif\n\nDer Autostromtarif für die Wallbox kostet 31 Cent je Kilowattstunde.");

        assertThat(topDocument("Was kostet der Tarif für die Wärmepumpe?")).isEqualTo(tariff);
    }

    @Test
    void shouldFindTheSeparateWordsWhenAskedWithTheCompound() {
        String tariff = index("tarife.md", "Für die Wärmepumpe gibt es einen eigenen Tarif mit einem zweiten Zähler.");
        index("auto.md", "Für das Elektroauto gibt es einen eigenen Tarif mit einer Wallbox.");

        assertThat(topDocument("Wärmepumpentarif mit Zähler")).isEqualTo(tariff);
    }

    @Test
    void shouldAnalyseEachPassageInTheLanguageItIsWrittenIn() throws IOException {
        try (PassageIndex index = PassageIndex.open(Optional.empty())) {
            var knowledge = new LuceneKnowledgeBase(index, new DocumentParser(1 << 20),
                    new Chunker(800, 100), Optional.empty());
            knowledge.index(TestDocuments.text(CHARACTER, "de.txt", "Die Kündigungsfrist beträgt drei Monate zum Monatsende."));
            knowledge.index(TestDocuments.text(CHARACTER, "en.txt", "The notice period is three months to the end of a month."));

            List<String> languages = index.withSearcher(searcher -> {
                List<String> found = new ArrayList<>();
                for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
                    found.add(searcher.storedFields().document(doc).get(ChunkFields.LANGUAGE));
                }
                return found;
            });

            assertThat(languages).containsExactly("de", "en");
        }
    }

    private String index(String title, String markdown) {
        var document = TestDocuments.markdown(CHARACTER, title, markdown);
        base.knowledgeBase().index(document);
        return document.documentId().toString();
    }

    private String topDocument(String question) {
        List<Citation> citations = base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER, CHARACTER,
                question, new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 4)));
        assertThat(citations).isNotEmpty();
        return citations.getFirst().documentId();
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text_de", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }
}
