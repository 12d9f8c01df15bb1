package io.llmstream.adapter.rag.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** text/html via jsoup: h1..h6 open sections; block elements become paragraphs; scripts, styles and navigation are dropped. */
final class HtmlExtractor implements Extractor {

    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final String BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,td,th,dt,dd,figcaption,caption";
    private static final String DROPPED = "script,style,noscript,template,nav,header>nav,footer nav,svg,iframe,form";

    @Override
    public List<Section> extract(byte[] bytes) {
        Document html = Jsoup.parse(Utf8.decode(bytes));
        html.select(DROPPED).remove();
        Element body = html.body();
        List<Section> sections = new ArrayList<>();
        String heading = "";
        List<String> paragraphs = new ArrayList<>();
        for (Element block : body.select(BLOCKS)) {
            if (hasBlockAncestor(block)) {
                continue;
            }
            String text = Text.normalise(block.text());
            if (text.isEmpty()) {
                continue;
            }
            if (HEADINGS.contains(block.normalName())) {
                addSection(sections, heading, paragraphs);
                heading = text;
                paragraphs = new ArrayList<>();
            } else {
                paragraphs.add(text);
            }
        }
        addSection(sections, heading, paragraphs);
        if (sections.isEmpty()) {
            // markup without block elements (e.g. only <div>s): keep its text as one paragraph
            String text = Text.normalise(body.text());
            return text.isEmpty() ? List.of() : List.of(new Section(Text.normalise(html.title()), List.of(text)));
        }
        return sections;
    }

    private static boolean hasBlockAncestor(Element element) {
        for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
            if (parent.is(BLOCKS)) {
                return true;
            }
        }
        return false;
    }

    private static void addSection(List<Section> sections, String heading, List<String> paragraphs) {
        if (!paragraphs.isEmpty()) {
            sections.add(new Section(heading, paragraphs));
        } else if (!heading.isEmpty()) {
            sections.add(new Section("", List.of(heading)));
        }
    }
}
