package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import java.nio.charset.StandardCharsets;
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
}
