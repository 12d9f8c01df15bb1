package io.llmstream.adapter.rag.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** application/pdf via PDFBox: one section per page, paragraphs as PDFBox detects them. */
final class PdfExtractor implements Extractor {

    @Override
    public List<Section> extract(byte[] bytes) {
        if (bytes.length < 5 || !new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new UnparseableException("is not a PDF (no %PDF- header)", null);
        }
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            List<Section> sections = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                List<String> paragraphs = Text.paragraphs(stripper.getText(pdf));
                if (!paragraphs.isEmpty()) {
                    sections.add(new Section("", paragraphs));
                }
            }
            return sections;
        } catch (IOException e) {
            throw new UnparseableException("is not a readable PDF: " + e.getMessage(), e);
        }
    }
}
