package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SseFormatTest {

    private static String viaTree(StreamEvent event) {
        return "id: " + event.id() + "\ndata: " + new String(Json.write(SseFormat.json(event)), StandardCharsets.UTF_8) + "\n\n";
    }

    @Test
    void shouldWriteChunksOnTheFastPathExactlyAsTheTreeWould() {
        for (DialogueRef dialogue : new DialogueRef[] {DialogueRef.conversation(UUID.randomUUID()), DialogueRef.chat(UUID.randomUUID())}) {
            StreamEvent.Chunk chunk = new StreamEvent.Chunk(42, dialogue, "Zeile 1\nZeile \"2\"\r\t\\ 🤖 ü \u0001 </script>");

            String bytes = new String(SseFormat.event(chunk), StandardCharsets.UTF_8);

            assertThat(bytes).isEqualTo(viaTree(chunk));
            assertThat(bytes).startsWith("id: 42\ndata: {\"type\":\"chunk\",").endsWith("}\n\n");
            assertThat(bytes.substring(0, bytes.length() - 2)).doesNotContain("\n\n");
            assertThat(bytes.split("\n")).hasSize(2); // id line, data line: a newline in the text never breaks the data line
        }
    }

    @Test
    void shouldFrameAnyTextAndAnyIdExactlyAsTheTreeWould() {
        Random random = new Random(20261201);
        SseFormat.Frames frames = new SseFormat.Frames();
        DialogueRef chat = DialogueRef.chat(UUID.randomUUID());
        DialogueRef conversation = DialogueRef.conversation(UUID.randomUUID());
        for (int i = 0; i < 2_000; i++) {
            DialogueRef dialogue = random.nextInt(4) == 0 ? conversation : chat; // the cached tail must follow it
            long id = switch (i % 4) {
                case 0 -> i + 1;
                case 1 -> 1 + random.nextLong(Long.MAX_VALUE - 1);
                case 2 -> (long) Math.pow(10, random.nextInt(19));
                default -> 1 + random.nextInt(100);
            };
            StreamEvent.Chunk chunk = new StreamEvent.Chunk(id, dialogue, randomText(random));

            assertThat(new String(frames.event(chunk), StandardCharsets.UTF_8)).as("chunk %s", chunk).isEqualTo(viaTree(chunk));
        }
    }

    @Test
    void shouldFrameTheFinalEventsThroughTheTree() {
        DialogueRef chat = DialogueRef.chat(UUID.randomUUID());
        StreamEvent error = new StreamEvent.Error(1, chat, "upstream_failed", "the \"gateway\"\nfailed");

        assertThat(new String(new SseFormat.Frames().event(error), StandardCharsets.UTF_8)).isEqualTo(viaTree(error))
                .startsWith("id: 1\ndata: {\"type\":\"error\",");
    }

    /** Printable ASCII mostly (the fast path), with quotes, backslashes, control characters, umlauts, emoji, lone surrogates. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(13)) {
                case 4 -> text.append((char) (0xd800 + random.nextInt(0x800))); // a lone surrogate (a broken upstream)
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> text.append((char) (0x7f + random.nextInt(0x700)));
                case 3 -> text.appendCodePoint(0x1f600 + random.nextInt(64));
                default -> text.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return text.toString();
    }
}
