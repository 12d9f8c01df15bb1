package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.json.Json;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the SSE contract: every event unnamed, {@code id: N}, one {@code data:} line of JSON, a
 * blank line. JSON escapes line breaks inside strings, so the data never spans two lines.
 */
final class SseFormat {

    static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    /** Sent once at the start of every SSE response: how long a browser's {@code EventSource} waits before it reconnects. */
    static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SseFormat() {
    }

    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The bytes of one event (a sink that writes many frames them with its own {@link Frames}). */
    static byte[] event(StreamEvent event) {
        return new Frames().event(event);
    }

    /**
     * Frames the events of one stream. Chunks, the hot path (one per upstream delta), are laid out byte by byte into
     * one array of their exact size: the fixed head, the text escaped as JSON, and the tail with the dialogue's key
     * and id, encoded once per dialogue. The rare final events go through the tree of {@link #json}. Both yield the
     * bytes Jackson would write for the same fields ({@code SseFormatTest}). Safe for concurrent use: the cached
     * tail is an immutable value.
     */
    static final class Frames {

        private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CHUNK_HEAD = "\ndata: {\"type\":\"chunk\",\"content\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);

        private record Tail(DialogueRef dialogue, byte[] bytes) {
        }

        private Tail tail;

        byte[] event(StreamEvent event) {
            if (event instanceof StreamEvent.Chunk chunk) {
                return chunk(chunk);
            }
            byte[] json = Json.write(json(event));
            return frame(event.id(), DATA, json, 0, json.length, END);
        }

        private byte[] chunk(StreamEvent.Chunk chunk) {
            Tail known = tail;
            if (known == null || !known.dialogue().equals(chunk.dialogue())) {
                known = new Tail(chunk.dialogue(), ("\",\"" + dialogueKey(chunk.dialogue()) + "\":\""
                        + chunk.dialogue().id() + "\"}\n\n").getBytes(StandardCharsets.US_ASCII));
                tail = known;
            }
            String content = chunk.content();
            if (isPlainAscii(content)) {
                return frame(chunk.id(), CHUNK_HEAD, content, known.bytes());
            }
            if (hasSurrogate(content)) { // Jackson's generator escapes these (pairs and lone ones alike): ask it
                byte[] quoted = Json.write(content);
                return frame(chunk.id(), CHUNK_HEAD, quoted, 1, quoted.length - 2, known.bytes());
            }
            byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(content);
            return frame(chunk.id(), CHUNK_HEAD, escaped, 0, escaped.length, known.bytes());
        }

        private static boolean hasSurrogate(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isSurrogate(text.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        /** Printable ASCII without a quote or a backslash: JSON writes it as it is, one byte a character. */
        private static boolean isPlainAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        private static byte[] frame(long id, byte[] head, String plain, byte[] tail) {
            int digits = digits(id);
            byte[] out = new byte[ID.length + digits + head.length + plain.length() + tail.length];
            int at = writeHead(out, id, digits, head);
            for (int i = 0; i < plain.length(); i++) {
                out[at++] = (byte) plain.charAt(i);
            }
            System.arraycopy(tail, 0, out, at, tail.length);
            return out;
        }

        private static byte[] frame(long id, byte[] head, byte[] body, int from, int length, byte[] tail) {
            int digits = digits(id);
            byte[] out = new byte[ID.length + digits + head.length + length + tail.length];
            int at = writeHead(out, id, digits, head);
            System.arraycopy(body, from, out, at, length);
            System.arraycopy(tail, 0, out, at + length, tail.length);
            return out;
        }

        private static int writeHead(byte[] out, long id, int digits, byte[] head) {
            System.arraycopy(ID, 0, out, 0, ID.length);
            long rest = id;
            for (int i = ID.length + digits - 1; i >= ID.length; i--) {
                out[i] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            System.arraycopy(head, 0, out, ID.length + digits, head.length);
            return ID.length + digits + head.length;
        }

        private static int digits(long id) {
            int digits = 1;
            for (long rest = id / 10; rest > 0; rest /= 10) {
                digits++;
            }
            return digits;
        }
    }

    private static String dialogueKey(DialogueRef dialogue) {
        return dialogue.kind() == DialogueKind.CONVERSATION ? "threadId" : "chatId";
    }

    static ObjectNode json(StreamEvent event) {
        ObjectNode node = NODES.objectNode();
        switch (event) {
            case StreamEvent.Chunk chunk -> {
                node.put("type", "chunk");
                node.put("content", chunk.content());
                dialogue(node, chunk.dialogue());
            }
            case StreamEvent.Done done -> {
                node.put("type", "done");
                node.put("content", done.content());
                dialogue(node, done.dialogue());
                ArrayNode citations = node.putArray("citations");
                done.citations().forEach(c -> citations.add(citation(c)));
                ArrayNode retrieved = node.putArray("retrieved");
                done.retrieved().forEach(c -> retrieved.add(citation(c)));
                node.put("messageId", done.messageId().toString());
                done.usage().ifPresent(u -> {
                    ObjectNode usage = node.putObject("usage");
                    usage.put("promptTokens", u.promptTokens());
                    usage.put("completionTokens", u.completionTokens());
                    usage.put("totalTokens", u.totalTokens());
                });
                node.put("provider", done.provider());
                node.put("model", done.model());
                node.put("streamId", done.streamId().toString());
                node.put("status", done.status().wireName());
                done.reason().ifPresent(reason -> node.put("reason", reason));
            }
            case StreamEvent.Paused paused -> {
                node.put("type", "paused");
                dialogue(node, paused.dialogue());
            }
            case StreamEvent.Resumed resumed -> {
                node.put("type", "resumed");
                dialogue(node, resumed.dialogue());
            }
            case StreamEvent.Error error -> {
                node.put("type", "error");
                node.put("message", error.message());
                node.put("code", error.code());
                dialogue(node, error.dialogue());
            }
        }
        return node;
    }

    private static void dialogue(ObjectNode node, DialogueRef dialogue) {
        node.put(dialogueKey(dialogue), dialogue.id().toString());
    }

    private static ObjectNode citation(Citation c) {
        ObjectNode node = NODES.objectNode();
        node.put("id", c.id());
        node.put("content", c.content());
        node.put("score", c.score());
        node.put("firstStageScore", c.firstStageScore());
        node.put("firstStageRank", c.firstStageRank());
        if (c.secondStageScore().isPresent()) {
            node.put("secondStageScore", c.secondStageScore().get());
        } else {
            node.putNull("secondStageScore");
        }
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("documentId", c.documentId());
        metadata.put("chunkIndex", c.chunkIndex());
        metadata.put("title", c.title());
        return node;
    }
}
