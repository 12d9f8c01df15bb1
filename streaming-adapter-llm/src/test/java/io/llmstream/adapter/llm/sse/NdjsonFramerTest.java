package io.llmstream.adapter.llm.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.port.LlmException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonFramerTest {

    private static List<String> frame(byte[] bytes, int maxLineBytes, int... cuts) {
        NdjsonFramer framer = new NdjsonFramer(maxLineBytes);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            framer.feed(bytes, start, cut - start, lines::add);
            start = cut;
        }
        framer.feed(bytes, start, bytes.length - start, lines::add);
        framer.end(lines::add);
        return lines;
    }

    @Test
    void shouldSplitOnLfDropCrAndSkipBlankLines() {
        byte[] bytes = "{\"a\":1}\n\r\n{\"b\":2}\r\n\n".getBytes(StandardCharsets.UTF_8);

        assertThat(frame(bytes, 1024)).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void shouldDeliverALastLineWithoutLfAtTheEnd() {
        assertThat(frame("{\"a\":1}\n{\"b\":2}".getBytes(StandardCharsets.UTF_8), 1024))
                .containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void shouldDecodeCharactersSplitAcrossReads() {
        byte[] bytes = "{\"t\":\"Grüße 🤖\"}\n".getBytes(StandardCharsets.UTF_8);

        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(frame(bytes, 1024, cut)).containsExactly("{\"t\":\"Grüße 🤖\"}");
        }
    }

    @Test
    void shouldFailClearlyOnALineLongerThanTheLimit() {
        byte[] bytes = ("{\"t\":\"" + "x".repeat(200) + "\"}\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> frame(bytes, 100, 10, 20)).isInstanceOf(LlmException.class)
                .hasMessageContaining("longer than 100 bytes");
    }
}
