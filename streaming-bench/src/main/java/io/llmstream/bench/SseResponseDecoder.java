package io.llmstream.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Incremental decoder of one HTTP/1.1 response carrying Server-Sent Events: status line and headers,
 * then a chunked, length-delimited or close-delimited body split into events; each event's joined
 * {@code data} lines are handed over as soon as its terminating blank line has been fed.
 */
final class SseResponseDecoder implements ResponseDecoder {

    private enum State { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, PLAIN, ENDED }

    private State state = State.HEAD;
    private int status = -1;
    private boolean chunked;
    private long remaining = -1; // bytes left of the chunk or the length-delimited body; -1 = until close
    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] body = new byte[512];
    private int bodyLength;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private final StringBuilder errorBody = new StringBuilder();
    private String streamId;
    private String pendingId;
    private String eventId;

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean accepted() {
        return status == 200;
    }

    /** The {@code X-Stream-Id} response header, or null (not arrived yet, or a service without stream resources). */
    @Override
    public String streamId() {
        return streamId;
    }

    /** True once the status line and every header have been read. */
    @Override
    public boolean headersDone() {
        return state != State.HEAD;
    }

    /** The {@code id:} of the event being handed over (valid inside the callback), or null when it had none. */
    @Override
    public String eventId() {
        return eventId;
    }

    @Override
    public boolean ended() {
        return state == State.ENDED;
    }

    /** The start of a non-200 response's body, for the error message. */
    @Override
    public String errorBody() {
        return errorBody.toString();
    }

    /** Consumes all remaining bytes of {@code in}; completed events go to {@code events} in order. */
    @Override
    public void feed(ByteBuffer in, Consumer<String> events) {
        while (in.hasRemaining() && state != State.ENDED) {
            byte b = in.get();
            switch (state) {
                case HEAD -> head(b);
                case CHUNK_SIZE -> chunkSize(b);
                case CHUNK_DATA -> {
                    body(b, events);
                    if (--remaining == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (b == '\n') {
                        state = State.CHUNK_SIZE;
                    }
                }
                case PLAIN -> {
                    body(b, events);
                    if (remaining > 0 && --remaining == 0) {
                        state = State.ENDED;
                    }
                }
                case ENDED -> throw new IllegalStateException("unreachable");
            }
        }
    }

    private void head(byte b) {
        if (b != '\n') {
            line = append(line, lineLength++, b);
            return;
        }
        String text = new String(line, 0, trimCr(line, lineLength), StandardCharsets.ISO_8859_1);
        lineLength = 0;
        if (status < 0) {
            status = Integer.parseInt(text.substring(9, 12));
            return;
        }
        if (!text.isEmpty()) {
            int colon = text.indexOf(':');
            String name = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : text.substring(colon + 1).trim();
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                remaining = Long.parseLong(value);
            } else if (name.equals("x-stream-id")) {
                streamId = value;
            }
            return;
        }
        state = chunked ? State.CHUNK_SIZE : remaining == 0 ? State.ENDED : State.PLAIN;
    }

    private void chunkSize(byte b) {
        if (b != '\n') {
            line = append(line, lineLength++, b);
            return;
        }
        String text = new String(line, 0, trimCr(line, lineLength), StandardCharsets.ISO_8859_1).trim();
        lineLength = 0;
        if (text.isEmpty()) {
            return;
        }
        int semi = text.indexOf(';');
        remaining = Long.parseLong(semi < 0 ? text : text.substring(0, semi).trim(), 16);
        state = remaining == 0 ? State.ENDED : State.CHUNK_DATA;
    }

    private void body(byte b, Consumer<String> events) {
        if (status != 200) {
            if (errorBody.length() < 300) {
                errorBody.append((char) (b & 0xff));
            }
            return;
        }
        if (b != '\n') {
            body = append(body, bodyLength++, b);
            return;
        }
        int length = trimCr(body, bodyLength);
        bodyLength = 0;
        if (length == 0) {
            // a block without data (the opening "retry: 2000", a ": heartbeat" comment) is no event
            if (hasData) {
                eventId = pendingId;
                events.accept(data.toString());
                data.setLength(0);
                hasData = false;
            }
            pendingId = null;
            return;
        }
        if (length >= 3 && body[0] == 'i' && body[1] == 'd' && body[2] == ':') {
            int from = length > 3 && body[3] == ' ' ? 4 : 3;
            pendingId = new String(body, from, length - from, StandardCharsets.ISO_8859_1);
            return;
        }
        if (length >= 5 && body[0] == 'd' && body[1] == 'a' && body[2] == 't' && body[3] == 'a' && body[4] == ':') {
            int from = length > 5 && body[5] == ' ' ? 6 : 5;
            if (hasData) {
                data.append('\n');
            }
            data.append(new String(body, from, length - from, StandardCharsets.UTF_8));
            hasData = true;
        }
    }

    private static int trimCr(byte[] bytes, int length) {
        return length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
    }

    private static byte[] append(byte[] bytes, int at, byte b) {
        byte[] target = at < bytes.length ? bytes : Arrays.copyOf(bytes, bytes.length * 2);
        target[at] = b;
        return target;
    }
}
