package io.llmstream.http.jersey;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 6455 by hand over a plain socket: the upgrade, frames built byte by byte (masked or not, any opcode, any
 * payload), and what the server sends back, without a WebSocket library between the test and the wire. It answers
 * pings only when asked to.
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** One frame as received: opcode and payload (servers do not mask). */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 when it carries none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** The server's answer to the upgrade request. */
    record Handshake(int status, Map<String, String> headers, String key) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** What RFC 6455 section 4.2.2 says {@code Sec-WebSocket-Accept} must be for this key. */
        String expectedAccept() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
                return Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Handshake handshake;

    private RawWebSocket(Socket socket, Handshake handshake) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /** Opens a socket to the API's root and upgrades {@code path} with these extra header lines. */
    static RawWebSocket upgrade(URI root, String path, String... headerLines) throws IOException {
        Socket socket = RawHttp.open(root);
        String key = Base64.getEncoder().encodeToString(randomBytes(16));
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new RawWebSocket(socket, readHandshake(socket.getInputStream(), key));
    }

    /** Byte by byte, so that nothing after the head is consumed. */
    private static Handshake readHandshake(java.io.InputStream in, String key) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed during the handshake after: " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new Handshake(Integer.parseInt(lines[0].split(" ")[1]), headers, key);
    }

    Handshake handshake() {
        return handshake;
    }

    /** A final text frame, masked as a client must. */
    RawWebSocket sendText(String text) throws IOException {
        return send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Any frame, FIN set: {@code masked=false} or a reserved opcode break RFC 6455 on purpose. */
    RawWebSocket send(int opcode, byte[] payload, boolean masked) throws IOException {
        out.write(frame(opcode, payload, masked));
        out.flush();
        return this;
    }

    /** The first half of a masked text frame: the server waits for the rest. */
    RawWebSocket sendTruncated(String text) throws IOException {
        byte[] frame = frame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
        out.write(frame, 0, frame.length / 2);
        out.flush();
        return this;
    }

    private static byte[] frame(int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = randomBytes(4);
            frame.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    /** The next frame from the server; fails when the socket is read out or silent for ten seconds. */
    Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** The next frame that is not a ping (pings are left unanswered). */
    Frame nextNotPing() throws IOException {
        while (true) {
            Frame frame = next();
            if (frame.opcode() != PING) {
                return frame;
            }
        }
    }

    /** The next frame that is not a ping, answering each ping with its pong as a live client does. */
    Frame nextPonging() throws IOException {
        while (true) {
            Frame frame = next();
            if (frame.opcode() != PING) {
                return frame;
            }
            send(PONG, frame.payload(), true);
        }
    }

    /** True when the server has closed the TCP connection: a read ends the stream (or is reset). */
    boolean serverClosedTcp() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** Leaves without a close frame: an RST instead of the closing handshake. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
