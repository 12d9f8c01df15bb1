package io.llmstream.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Incremental decoder of the service's side of {@code GET /api/v1/ws}: the {@code 101} answer to the upgrade, then
 * RFC 6455 frames (unmasked, as a server sends them). Each text frame's JSON is one event; a close frame ends the
 * connection; a ping leaves a pong to send ({@link #takeReply()}). Also builds the client's masked frames.
 */
final class WebSocketResponseDecoder implements ResponseDecoder {

    private enum State { HEAD, FRAME_HEADER, PAYLOAD, ENDED }

    private State state = State.HEAD;
    private int status = -1;
    private final StringBuilder headLine = new StringBuilder();
    private final byte[] header = new byte[10];
    private int headerLength;
    private int headerNeeded = 2;
    private byte[] payload = new byte[512];
    private int payloadLength;
    private int payloadNeeded;
    private int opcode;
    private ByteBuffer reply;
    private String eventId;

    /** The upgrade request of {@code <base>/v1/ws}. */
    static byte[] upgradeRequest(int port) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return ("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One masked, final frame (a client must mask). */
    static ByteBuffer clientFrame(int opcode, byte[] data) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(data.length + 14);
        frame.write(0x80 | opcode);
        if (data.length < 126) {
            frame.write(0x80 | data.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(data.length >>> 8);
            frame.write(data.length & 0xFF);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < data.length; i++) {
            frame.write(data[i] ^ mask[i % 4]);
        }
        return ByteBuffer.wrap(frame.toByteArray());
    }

    @Override
    public void feed(ByteBuffer in, Consumer<String> events) {
        while (in.hasRemaining() && state != State.ENDED) {
            byte b = in.get();
            switch (state) {
                case HEAD -> head(b);
                case FRAME_HEADER -> frameHeader(b, events);
                case PAYLOAD -> {
                    payload[payloadLength++] = b;
                    if (payloadLength == payloadNeeded) {
                        frameDone(events);
                    }
                }
                case ENDED -> throw new IllegalStateException("unreachable");
            }
        }
    }

    private void head(byte b) {
        if (b != '\n') {
            headLine.append((char) (b & 0xFF));
            return;
        }
        String line = headLine.toString().strip();
        headLine.setLength(0);
        if (status < 0) {
            status = Integer.parseInt(line.substring(9, 12));
        } else if (line.isEmpty()) {
            state = status == 101 ? State.FRAME_HEADER : State.ENDED;
        }
    }

    private void frameHeader(byte b, Consumer<String> events) {
        header[headerLength++] = b;
        if (headerLength == 2) {
            int length = header[1] & 0x7F;
            headerNeeded = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0);
        }
        if (headerLength < headerNeeded) {
            return;
        }
        opcode = header[0] & 0x0F;
        long length = header[1] & 0x7F;
        if (length == 126) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (length == 127) {
            length = ByteBuffer.wrap(header, 2, 8).getLong();
        }
        payloadNeeded = Math.toIntExact(length);
        payloadLength = 0;
        if (payload.length < payloadNeeded) {
            payload = Arrays.copyOf(payload, Math.max(payloadNeeded, payload.length * 2));
        }
        headerLength = 0;
        headerNeeded = 2;
        state = State.PAYLOAD;
        if (payloadNeeded == 0) {
            frameDone(events);
        }
    }

    private void frameDone(Consumer<String> events) {
        state = State.FRAME_HEADER;
        switch (opcode) {
            case 0x1 -> {
                String json = new String(payload, 0, payloadLength, StandardCharsets.UTF_8);
                eventId = JsonText.numberField(json, "id").orElse(null);
                events.accept(json);
            }
            case 0x8 -> state = State.ENDED;
            case 0x9 -> reply = clientFrame(0xA, Arrays.copyOf(payload, payloadLength));
            default -> {
                // pongs and binary frames carry no event
            }
        }
    }

    /** The pong owed for the last ping, once; null when none is owed. */
    ByteBuffer takeReply() {
        ByteBuffer owed = reply;
        reply = null;
        return owed;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean accepted() {
        return status == 101;
    }

    @Override
    public boolean headersDone() {
        return state != State.HEAD;
    }

    @Override
    public boolean ended() {
        return state == State.ENDED;
    }

    @Override
    public String errorBody() {
        return "";
    }

    @Override
    public String streamId() {
        return null;
    }

    @Override
    public String eventId() {
        return eventId;
    }
}
