package io.llmstream.adapter.rag.ingest;

import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.port.IngestionException;
import io.llmstream.core.port.IngestionException.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a document's bytes into normalised sections, by content type: {@code text/plain},
 * {@code text/markdown}, {@code text/html} and {@code application/pdf}. Refuses, naming the document,
 * what is empty, too large, binary, unparseable or of another type. Thread-safe.
 */
public final class DocumentParser {

    private static final int SNIFF_BYTES = 8192;
    private static final Map<String, Extractor> EXTRACTORS = Map.of(
            "text/plain", new PlainTextExtractor(),
            "text/markdown", new MarkdownExtractor(),
            "text/x-markdown", new MarkdownExtractor(),
            "text/html", new HtmlExtractor(),
            "application/xhtml+xml", new HtmlExtractor(),
            "application/pdf", new PdfExtractor());

    private final long maxDocumentBytes;

    public DocumentParser(long maxDocumentBytes) {
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive, was " + maxDocumentBytes);
        }
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** The media types this parser reads. */
    public static List<String> supportedContentTypes() {
        return EXTRACTORS.keySet().stream().sorted().toList();
    }

    /**
     * @return at least one section with at least one non-blank paragraph
     * @throws IngestionException naming the document when it cannot be indexed
     */
    public List<Section> parse(DocumentContent document) {
        String type = mediaType(document.contentType());
        Extractor extractor = EXTRACTORS.get(type);
        if (extractor == null) {
            throw refused(document, Reason.UNSUPPORTED_TYPE, "has the unsupported content type '"
                    + document.contentType() + "' (supported: " + String.join(", ", supportedContentTypes()) + ")");
        }
        byte[] bytes = document.bytes();
        if (bytes.length == 0) {
            throw refused(document, Reason.EMPTY, "is empty");
        }
        if (bytes.length > maxDocumentBytes) {
            throw refused(document, Reason.TOO_LARGE,
                    "has " + bytes.length + " bytes, more than the limit of " + maxDocumentBytes);
        }
        if (type.startsWith("text/") || type.endsWith("+xml")) {
            rejectBinary(document, bytes);
        }
        List<Section> sections;
        try {
            sections = extractor.extract(bytes).stream().filter(section -> !section.paragraphs().isEmpty()).toList();
        } catch (Extractor.UnparseableException e) {
            throw new IngestionException(Reason.UNPARSEABLE, name(document) + " " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IngestionException(Reason.UNPARSEABLE,
                    name(document) + " could not be parsed as " + type + ": " + e.getMessage(), e);
        }
        if (sections.isEmpty()) {
            throw refused(document, Reason.EMPTY, "contains no text");
        }
        return sections;
    }

    private static void rejectBinary(DocumentContent document, byte[] bytes) {
        int length = Math.min(bytes.length, SNIFF_BYTES);
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                throw refused(document, Reason.UNPARSEABLE, "looks binary (contains NUL bytes), not like "
                        + document.contentType());
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        if (control * 20 > length) {
            throw refused(document, Reason.UNPARSEABLE, "looks binary (control characters), not like "
                    + document.contentType());
        }
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }

    private static IngestionException refused(DocumentContent document, Reason reason, String why) {
        return new IngestionException(reason, name(document) + " " + why);
    }

    private static String name(DocumentContent document) {
        return "document '" + document.title() + "' (" + document.documentId() + ")";
    }
}
