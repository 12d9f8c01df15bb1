package io.llmstream.adapter.llm.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.llm.testing.Fixtures;
import io.llmstream.core.port.LlmException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private static List<SseEvent> parse(String stream) {
        return parse(stream.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    private static List<SseEvent> parse(byte[] bytes, int maxLineBytes, int... cuts) {
        SseParser parser = new SseParser(maxLineBytes);
        List<SseEvent> events = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            parser.feed(bytes, start, cut - start, events::add);
            start = cut;
        }
        parser.feed(bytes, start, bytes.length - start, events::add);
        parser.end();
        return events;
    }

    private static SseEvent message(String data) {
        return new SseEvent("message", data, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void shouldAcceptEveryLineEnding(String eol) {
        String stream = "data: a" + eol + eol + "event: x" + eol + "data: b" + eol + eol;

        assertThat(parse(stream)).containsExactly(message("a"), new SseEvent("x", "b", ""));
    }

    @Test
    void shouldTreatCrAndLfSplitAcrossTwoReadsAsOneLineEnd() {
        byte[] bytes = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);

        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(parse(bytes, 1024, cut)).as("cut at %d", cut).containsExactly(message("a"), message("b"));
        }
    }

    @Test
    void shouldStripOneLeadingBomOnly() {
        assertThat(parse("\uFEFFdata: a\n\n")).containsExactly(message("a"));
        assertThat(parse("\uFEFF\uFEFFdata: a\n\ndata: b\n\n")).containsExactly(message("b"));
    }

    @Test
    void shouldStripABomSplitAcrossReads() {
        byte[] bytes = "\uFEFFdata: a\n\n".getBytes(StandardCharsets.UTF_8);

        assertThat(parse(bytes, 1024, 1, 2)).containsExactly(message("a"));
    }

    @Test
    void shouldIgnoreComments() {
        assertThat(parse(": keep-alive\n\n: OPENROUTER PROCESSING\ndata: a\n:x\n\n")).containsExactly(message("a"));
    }

    @Test
    void shouldTreatAFieldWithoutColonAsAFieldWithAnEmptyValue() {
        assertThat(parse("data\n\ndata\ndata\n\n")).containsExactly(message(""), message("\n"));
    }

    @Test
    void shouldStripOnlyOneSpaceAfterTheColon() {
        assertThat(parse("data:a\n\ndata:  b\n\ndata: c \n\n")).containsExactly(message("a"), message(" b"),
                message("c "));
    }

    @Test
    void shouldJoinMultiLineDataWithLf() {
        assertThat(parse("data: first\ndata:\ndata: third\n\n")).containsExactly(message("first\n\nthird"));
    }

    @Test
    void shouldNotDispatchAnEventWithoutData() {
        assertThat(parse("event: ping\n\nid: 7\n\ndata: a\n\n")).containsExactly(new SseEvent("message", "a", "7"));
    }

    @Test
    void shouldResetTheEventTypeButKeepTheIdAfterDispatch() {
        assertThat(parse("event: e\nid: 1\ndata: a\n\ndata: b\n\n"))
                .containsExactly(new SseEvent("e", "a", "1"), new SseEvent("message", "b", "1"));
    }

    @Test
    void shouldUseMessageForAnEmptyEventType() {
        assertThat(parse("event:\ndata: a\n\n")).containsExactly(message("a"));
    }

    @Test
    void shouldIgnoreAnIdContainingNul() {
        SseParser parser = new SseParser(1024);
        List<SseEvent> events = new ArrayList<>();
        byte[] bytes = "id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\nid\ndata: c\n\n".getBytes(StandardCharsets.UTF_8);

        parser.feed(bytes, 0, bytes.length, events::add);

        assertThat(events).extracting(SseEvent::lastEventId).containsExactly("1", "1", "");
        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void shouldAcceptOnlyAsciiDigitsForRetry() {
        SseParser parser = new SseParser(1024);
        byte[] bytes = "retry: 1500\n\nretry: 2x\n\nretry: -1\n\nretry:\n\n".getBytes(StandardCharsets.UTF_8);

        parser.feed(bytes, 0, bytes.length, event -> { });

        assertThat(parser.reconnectionTimeMillis()).isEqualTo(1500);
    }

    @Test
    void shouldIgnoreUnknownFieldsAndFieldNamesDifferingInCase() {
        assertThat(parse("foo: bar\nDATA: x\ndata: a\n\n")).containsExactly(message("a"));
    }

    @Test
    void shouldDiscardAnUnterminatedLastEventAtEndOfStream() {
        assertThat(parse("data: a\n\ndata: b\n")).containsExactly(message("a"));
        assertThat(parse("data: a\n\ndata: b")).containsExactly(message("a"));
    }

    @Test
    void shouldDecodeMultiByteCharactersSplitAcrossReads() {
        byte[] bytes = "data: Grüße 🤖 ✓\n\n".getBytes(StandardCharsets.UTF_8);

        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(parse(bytes, 1024, cut)).as("cut at %d", cut).containsExactly(message("Grüße 🤖 ✓"));
        }
    }

    @Test
    void shouldReplaceInvalidUtf8WithTheReplacementCharacter() {
        byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xFF, 'x', '\n', '\n'};

        assertThat(parse(bytes, 1024)).containsExactly(message("\uFFFDx"));
    }

    @Test
    void shouldFailClearlyOnALineLongerThanTheLimit() {
        byte[] bytes = ("data: " + "x".repeat(100) + "\n\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(bytes, 64)).isInstanceOf(LlmException.class)
                .hasMessageContaining("longer than 64 bytes")
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(LlmException.Code.MALFORMED_STREAM));
        assertThatThrownBy(() -> parse(bytes, 64, 3, 50, 90)).isInstanceOf(LlmException.class)
                .hasMessageContaining("longer than 64 bytes");
    }

    @Test
    void shouldFailClearlyWhenTheDataOfOneEventGrowsBeyondTheLimit() {
        String line = "data: " + "x".repeat(40) + "\n";

        assertThatThrownBy(() -> parse((line.repeat(3) + "\n").getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(LlmException.class).hasMessageContaining("data longer than 100 bytes");
    }

    @Test
    void shouldNeverGrowTheLineBufferWithoutBoundWhenNoLineEndArrives() {
        SseParser parser = new SseParser(1024);
        byte[] piece = new byte[100];
        Arrays.fill(piece, (byte) 'x');

        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                parser.feed(piece, 0, piece.length, event -> { });
            }
        }).isInstanceOf(LlmException.class).hasMessageContaining("longer than 1024 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/basic.sse", "openai/openrouter-comments-crlf.sse", "openai/vllm-reasoning.sse",
            "openai/in-stream-error.sse", "openai/llamacpp-length-no-done-bom-cr.sse", "openai/truncated.sse",
            "anthropic/basic.sse", "anthropic/thinking-tool-use.sse", "anthropic/overloaded-error.sse",
            "anthropic/truncated.sse"})
    void shouldYieldTheSameEventsForEverySplitOfARecordedStream(String fixture) {
        byte[] bytes = Fixtures.bytes(fixture);
        List<SseEvent> whole = parse(bytes, 1 << 20);
        int[] everyByte = new int[bytes.length - 1];
        Arrays.setAll(everyByte, i -> i + 1);

        assertThat(whole).isNotEmpty();
        assertThat(parse(bytes, 1 << 20, everyByte)).isEqualTo(whole);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(parse(bytes, 1 << 20, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int[] cuts = random.ints(random.nextInt(1, 30), 1, bytes.length).sorted().distinct().toArray();
            assertThat(parse(bytes, 1 << 20, cuts)).as("cuts %s", Arrays.toString(cuts)).isEqualTo(whole);
        }
    }
}
