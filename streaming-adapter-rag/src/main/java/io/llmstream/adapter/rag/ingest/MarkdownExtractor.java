package io.llmstream.adapter.rag.ingest;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/** text/markdown via CommonMark: every heading opens a section; each other top-level block is a paragraph. */
final class MarkdownExtractor implements Extractor {

    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer RENDERER = TextContentRenderer.builder().build();

    @Override
    public List<Section> extract(byte[] bytes) {
        Node document = PARSER.parse(Utf8.decode(bytes));
        List<Section> sections = new ArrayList<>();
        String heading = "";
        List<String> paragraphs = new ArrayList<>();
        for (Node block = ((Document) document).getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading) {
                addSection(sections, heading, paragraphs);
                heading = Text.normalise(RENDERER.render(block));
                paragraphs = new ArrayList<>();
            } else if (!(block instanceof ThematicBreak)) {
                paragraphs.addAll(Text.paragraphs(RENDERER.render(block)));
            }
        }
        addSection(sections, heading, paragraphs);
        return sections;
    }

    private static void addSection(List<Section> sections, String heading, List<String> paragraphs) {
        if (!paragraphs.isEmpty()) {
            sections.add(new Section(heading, paragraphs));
        } else if (!heading.isEmpty()) {
            // a heading without body text still carries meaning (e.g. a last line "## Contact: ...")
            sections.add(new Section("", List.of(heading)));
        }
    }
}
