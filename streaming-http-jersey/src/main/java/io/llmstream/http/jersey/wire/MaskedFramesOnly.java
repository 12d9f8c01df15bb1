package io.llmstream.http.jersey.wire;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;

/**
 * RFC 6455 section 5.1: a server closes a connection on which the client sends an unmasked frame ({@code 1002}).
 * Tyrus 2.2 reads such a frame as if it were masked, so this filter, just before Tyrus's, follows the frame
 * boundaries of every upgraded connection (it reads the headers and skips the payloads) and closes the connection
 * {@code 1002} at the first frame without a mask; Tyrus then ends the session as for any dropped connection.
 */
final class MaskedFramesOnly implements AddOn {

    /** Set by Tyrus on a connection once its handshake is done: from then on the bytes are frames. */
    private static final Attribute<Object> UPGRADED = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            GrizzlyServerFilter.class.getName() + ".Connection");
    private static final Attribute<Frames> FRAMES = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            MaskedFramesOnly.class.getName() + ".frames");
    private static final byte[] CLOSE = closeFrame(1002, "client frames must be masked");

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        int tyrus = chain.indexOfType(GrizzlyServerFilter.class);
        if (tyrus >= 0) {
            chain.add(tyrus, new Filter());
        }
    }

    private static final class Filter extends BaseFilter {

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            Connection<?> connection = ctx.getConnection();
            if (!(ctx.getMessage() instanceof HttpContent content) || !UPGRADED.isSet(connection)) {
                return ctx.getInvokeAction();
            }
            Frames frames = FRAMES.get(connection);
            if (frames == null) {
                frames = new Frames();
                FRAMES.set(connection, frames);
            }
            if (frames.allMasked(content.getContent())) {
                return ctx.getInvokeAction();
            }
            ctx.write(Buffers.wrap(connection.getMemoryManager(), CLOSE), WebSocketAdmission.closing(connection));
            return ctx.getStopAction();
        }
    }

    /** Where the reading stands in a connection's frames; Grizzly reads one connection on one thread at a time. */
    static final class Frames {
        private int headerRead;
        private int headerLength = 2;
        private int lengthBytes;
        private long payloadLength;
        private long payloadLeft;

        /** Walks the bytes without consuming them; false at the first frame header without the mask bit. */
        boolean allMasked(Buffer bytes) {
            int at = bytes.position();
            int end = bytes.limit();
            while (at < end) {
                if (payloadLeft > 0) {
                    int skipped = (int) Math.min(payloadLeft, end - at);
                    at += skipped;
                    payloadLeft -= skipped;
                    continue;
                }
                byte b = bytes.get(at++);
                headerRead++;
                if (headerRead == 2) {
                    if ((b & 0x80) == 0) {
                        return false;
                    }
                    int length = b & 0x7F;
                    lengthBytes = length == 126 ? 2 : length == 127 ? 8 : 0;
                    payloadLength = lengthBytes == 0 ? length : 0;
                    headerLength = 2 + lengthBytes + 4; // + the masking key
                } else if (headerRead > 2 && headerRead <= 2 + lengthBytes) {
                    payloadLength = (payloadLength << 8) | (b & 0xFF);
                }
                if (headerRead == headerLength) {
                    payloadLeft = payloadLength;
                    headerRead = 0;
                    headerLength = 2;
                }
            }
            return true;
        }
    }

    private static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + text.length];
        frame[0] = (byte) 0x88;
        frame[1] = (byte) (2 + text.length);
        frame[2] = (byte) (code >>> 8);
        frame[3] = (byte) code;
        System.arraycopy(text, 0, frame, 4, text.length);
        return frame;
    }
}
