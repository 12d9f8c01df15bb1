package io.llmstream.adapter.rag;

import io.llmstream.core.model.DocumentContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Builders of documents for tests. */
public final class TestDocuments {

    public static final String OWNER = "alice";

    private TestDocuments() {
    }

    public static DocumentContent text(UUID characterId, String title, String text) {
        return of(UUID.randomUUID(), characterId, title, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    public static DocumentContent markdown(UUID characterId, String title, String markdown) {
        return of(UUID.randomUUID(), characterId, title, "text/markdown", markdown.getBytes(StandardCharsets.UTF_8));
    }

    public static DocumentContent html(UUID characterId, String title, String html) {
        return of(UUID.randomUUID(), characterId, title, "text/html; charset=utf-8",
                html.getBytes(StandardCharsets.UTF_8));
    }

    public static DocumentContent pdf(UUID characterId, String title, String... lines) {
        return of(UUID.randomUUID(), characterId, title, "application/pdf", pdfBytes(lines));
    }

    public static DocumentContent of(UUID documentId, UUID characterId, String title, String type, byte[] bytes) {
        return new DocumentContent(documentId, OWNER, characterId, title, type, bytes);
    }

    /** A one-page PDF with each line written as a line of Helvetica text. */
    public static byte[] pdfBytes(String... lines) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.setLeading(14);
                content.newLineAtOffset(50, 720);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
