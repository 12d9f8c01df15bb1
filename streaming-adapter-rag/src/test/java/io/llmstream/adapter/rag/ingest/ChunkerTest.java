package io.llmstream.adapter.rag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void shouldPackWholeParagraphsUpToTheSizeWithoutCrossingSections() {
        Chunker chunker = new Chunker(40, 10);
        List<Section> sections = List.of(
                new Section("A", List.of("short one.", "short two.", "a third paragraph here.")),
                new Section("B", List.of("tiny.")));

        List<Chunk> chunks = chunker.chunk(sections);

        assertThat(chunks).containsExactly(
                new Chunk(0, "A", "short one.\n\nshort two."),
                new Chunk(1, "A", "a third paragraph here."),
                new Chunk(2, "B", "tiny."));
    }

    @Test
    void shouldCutALongParagraphAtWordsWithOverlap() {
        String paragraph = IntStream.range(0, 60).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        Chunker chunker = new Chunker(100, 30);

        List<Chunk> chunks = chunker.chunk(List.of(new Section("", List.of(paragraph))));

        assertThat(chunks).hasSizeGreaterThan(4);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.text().length()).isLessThanOrEqualTo(100);
            assertThat(chunk.text()).doesNotStartWith(" ").matches("word\\d+( word\\d+)*");
        });
        for (int i = 1; i < chunks.size(); i++) {
            String previousLastWord = lastWord(chunks.get(i - 1).text());
            assertThat(chunks.get(i).text()).as("chunk %d overlaps its predecessor", i).contains(previousLastWord);
        }
        assertThat(chunks.getLast().text()).endsWith("word59");
        assertThat(chunks).extracting(Chunk::index).containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
    }

    private static String lastWord(String text) {
        return text.substring(text.lastIndexOf(' ') + 1);
    }
}
