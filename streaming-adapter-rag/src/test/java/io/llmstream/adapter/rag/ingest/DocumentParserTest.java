package io.llmstream.adapter.rag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.port.IngestionException;
import io.llmstream.core.port.IngestionException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentParserTest {

    private static final UUID CHARACTER = UUID.randomUUID();
    private final DocumentParser parser = new DocumentParser(1_000);

    @Test
    void shouldSplitPlainTextIntoParagraphsAtBlankLines() {
        List<Section> sections = parser.parse(TestDocuments.text(CHARACTER, "t", "First line\ncontinues.\n\n\nSecond."));

        assertThat(sections).containsExactly(new Section("", List.of("First line continues.", "Second.")));
    }

    @Test
    void shouldOpenASectionPerMarkdownHeadingAndDropMarkup() {
        String markdown = "Intro *text*.\n\n# Setup\n\nRun `make` now.\n\n- one\n- two\n\n## Usage\n\nSee [docs](http://x).";

        List<Section> sections = parser.parse(TestDocuments.markdown(CHARACTER, "t", markdown));

        assertThat(sections).extracting(Section::heading).containsExactly("", "Setup", "Usage");
        assertThat(sections.get(0).paragraphs()).containsExactly("Intro text.");
        assertThat(sections.get(1).paragraphs()).contains("Run \"make\" now.");
        assertThat(String.join(" ", sections.get(1).paragraphs())).contains("one").contains("two");
        assertThat(sections.get(2).paragraphs().getFirst()).startsWith("See \"docs\"");
    }

    @Test
    void shouldReadHtmlBlocksUnderHeadingsAndDropScripts() {
        String html = "<html><head><title>T</title><script>var x=1;</script></head><body><nav>Menu</nav>"
                + "<h1>Prices</h1><p>Tea costs <b>3</b> euros.</p><ul><li>Milk <p>inside</p></li></ul></body></html>";

        List<Section> sections = parser.parse(TestDocuments.html(CHARACTER, "t", html));

        assertThat(sections).containsExactly(new Section("Prices", List.of("Tea costs 3 euros.", "Milk inside")));
    }

    @Test
    void shouldExtractTextFromPdf() {
        List<Section> sections = parser.parse(TestDocuments.pdf(CHARACTER, "t", "The warranty lasts two years.",
                "Returns are free."));

        assertThat(String.join(" ", sections.getFirst().paragraphs()))
                .contains("The warranty lasts two years.").contains("Returns are free.");
    }

    @Test
    void shouldRefuseEmptyDocumentNamingIt() {
        DocumentContent empty = TestDocuments.text(CHARACTER, "notes.txt", "");

        assertThatThrownBy(() -> parser.parse(empty)).isInstanceOfSatisfying(IngestionException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.EMPTY);
            assertThat(e.getMessage()).contains("notes.txt").contains(empty.documentId().toString());
        });
    }

    @Test
    void shouldRefuseWhitespaceOnlyDocumentAsEmpty() {
        assertRefused(TestDocuments.markdown(CHARACTER, "blank.md", " \n\n  \n"), Reason.EMPTY);
        assertRefused(TestDocuments.text(CHARACTER, "blank.txt", "  \n\n  "), Reason.EMPTY);
        assertRefused(TestDocuments.html(CHARACTER, "blank.html", "<html><body><p> </p></body></html>"), Reason.EMPTY);
    }

    @Test
    void shouldRefuseDocumentOverTheSizeLimit() {
        assertRefused(TestDocuments.text(CHARACTER, "big.txt", "a".repeat(1_001)), Reason.TOO_LARGE);
    }

    @Test
    void shouldRefuseBinaryBytesDeclaredAsText() {
        byte[] bytes = {'P', 'K', 3, 4, 0, 0, 1, 2, 3};
        assertRefused(TestDocuments.of(UUID.randomUUID(), CHARACTER, "zip.txt", "text/plain", bytes), Reason.UNPARSEABLE);
    }

    @Test
    void shouldRefuseTextThatIsNotUtf8() {
        byte[] latin1 = "Grüße aus Köln".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(TestDocuments.of(UUID.randomUUID(), CHARACTER, "latin.txt", "text/plain", latin1),
                Reason.UNPARSEABLE);
    }

    @Test
    void shouldRefuseBrokenPdf() {
        byte[] broken = "%PDF-1.7\nthis is not really a pdf".getBytes(StandardCharsets.US_ASCII);
        assertRefused(TestDocuments.of(UUID.randomUUID(), CHARACTER, "broken.pdf", "application/pdf", broken),
                Reason.UNPARSEABLE);
    }

    @Test
    void shouldRefuseUnsupportedContentType() {
        assertRefused(TestDocuments.of(UUID.randomUUID(), CHARACTER, "sheet.xlsx", "application/vnd.ms-excel",
                new byte[] {1, 2}), Reason.UNSUPPORTED_TYPE);
    }

    private void assertRefused(DocumentContent document, Reason reason) {
        assertThatThrownBy(() -> parser.parse(document)).isInstanceOfSatisfying(IngestionException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(document.title());
        });
    }
}
