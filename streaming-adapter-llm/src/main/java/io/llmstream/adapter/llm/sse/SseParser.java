package io.llmstream.adapter.llm.sse;

import io.llmstream.core.port.LlmException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental parser of a {@code text/event-stream} that follows the WHATWG HTML "event stream
 * interpretation" rules: CR, LF and CRLF line ends (also split across reads), one leading BOM
 * stripped, comments, fields without a colon, one optional space after the colon, multi-line
 * {@code data}, {@code id} with NUL ignored, {@code retry} with digits only, and an unterminated last
 * event discarded at the end of the stream.
 *
 * <p>Lines are split on bytes and decoded as UTF-8 only when complete, so a multi-byte character
 * split across reads decodes correctly (all line-end and field bytes are ASCII, which never occur
 * inside a multi-byte UTF-8 sequence). A line or an event's data longer than {@code maxLineBytes}
 * throws an {@link LlmException} of code {@code MALFORMED_STREAM} instead of growing without bound.
 *
 * <p>Not thread-safe: one parser per stream, fed by one thread.
 */
public final class SseParser {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] DATA = bytes("data");
    private static final byte[] EVENT = bytes("event");
    private static final byte[] ID = bytes("id");
    private static final byte[] RETRY = bytes("retry");
    /** Lines and data start without a buffer: most lines arrive whole, and an idle stream holds none. */
    private static final byte[] NONE = new byte[0];

    private final int maxLineBytes;
    private byte[] line = NONE;
    private int lineLength;
    private byte[] data = NONE;
    private int dataLength;
    private boolean pendingLf;
    private boolean atStreamStart = true;
    private String eventType = "";
    private byte[] lastTypeBytes = new byte[0];
    private String lastType = "";
    private String lastEventId = "";
    private long reconnectionTimeMillis = -1;

    /** A parser whose lines and event data may be at most {@code maxLineBytes} long. */
    public SseParser(int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Feeds the next bytes of the stream; complete events go to {@code events} in order. */
    public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> events) {
        int i = offset;
        int end = offset + length;
        if (pendingLf && i < end) {
            pendingLf = false;
            if (bytes[i] == LF) {
                i++;
            }
        }
        while (i < end) {
            int j = i;
            while (j < end && bytes[j] != LF && bytes[j] != CR) {
                j++;
            }
            if (j == end) {
                appendToLine(bytes, i, j - i);
                return;
            }
            if (lineLength == 0) {
                checkLineLength(j - i);
                processLine(bytes, i, j - i, events);
            } else {
                appendToLine(bytes, i, j - i);
                processLine(line, 0, lineLength, events);
                lineLength = 0;
            }
            if (bytes[j] == CR) {
                if (j + 1 < end) {
                    if (bytes[j + 1] == LF) {
                        j++;
                    }
                } else {
                    pendingLf = true;
                }
            }
            i = j + 1;
        }
    }

    /** Ends the stream: an event not yet terminated by an empty line is discarded, as the standard says. */
    public void end() {
        lineLength = 0;
        dataLength = 0;
        eventType = "";
        pendingLf = false;
    }

    /** The last event id the stream set (empty when none). */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time the stream asked for in milliseconds, or -1 when it sent no valid {@code retry}. */
    public long reconnectionTimeMillis() {
        return reconnectionTimeMillis;
    }

    private void processLine(byte[] b, int off, int len, Consumer<SseEvent> events) {
        if (atStreamStart) {
            atStreamStart = false;
            if (len >= 3 && (b[off] & 0xFF) == 0xEF && (b[off + 1] & 0xFF) == 0xBB && (b[off + 2] & 0xFF) == 0xBF) {
                off += 3;
                len -= 3;
            }
        }
        if (len == 0) {
            dispatch(events);
            return;
        }
        if (b[off] == ':') {
            return;
        }
        int end = off + len;
        int colon = off;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        int fieldLength = colon - off;
        int valueStart = colon < end ? colon + 1 : end;
        if (valueStart < end && b[valueStart] == ' ') {
            valueStart++;
        }
        if (matches(b, off, fieldLength, DATA)) {
            appendData(b, valueStart, end - valueStart);
        } else if (matches(b, off, fieldLength, EVENT)) {
            eventType = eventTypeOf(b, valueStart, end - valueStart);
        } else if (matches(b, off, fieldLength, ID)) {
            if (!containsNul(b, valueStart, end)) {
                lastEventId = new String(b, valueStart, end - valueStart, StandardCharsets.UTF_8);
            }
        } else if (matches(b, off, fieldLength, RETRY)) {
            setRetry(b, valueStart, end);
        }
    }

    private void dispatch(Consumer<SseEvent> events) {
        if (dataLength == 0) {
            eventType = "";
            return;
        }
        String payload = new String(data, 0, dataLength - 1, StandardCharsets.UTF_8);
        String type = eventType.isEmpty() ? "message" : eventType;
        dataLength = 0;
        eventType = "";
        events.accept(new SseEvent(type, payload, lastEventId));
    }

    private String eventTypeOf(byte[] b, int off, int len) {
        // Streams repeat a handful of event names; reusing the last String avoids one allocation per event.
        if (Arrays.equals(b, off, off + len, lastTypeBytes, 0, lastTypeBytes.length)) {
            return lastType;
        }
        lastTypeBytes = Arrays.copyOfRange(b, off, off + len);
        lastType = new String(lastTypeBytes, StandardCharsets.UTF_8);
        return lastType;
    }

    private void setRetry(byte[] b, int start, int end) {
        if (start == end) {
            return;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return;
            }
            value = value > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : value * 10 + (b[i] - '0');
        }
        reconnectionTimeMillis = value;
    }

    private void appendToLine(byte[] b, int off, int len) {
        checkLineLength(lineLength + len);
        if (lineLength + len > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + len)));
        }
        System.arraycopy(b, off, line, lineLength, len);
        lineLength += len;
    }

    private void appendData(byte[] b, int off, int len) {
        int needed = dataLength + len + 1;
        if (needed - 1 > maxLineBytes) {
            throw new LlmException(LlmException.Code.MALFORMED_STREAM,
                    "server-sent event data longer than " + maxLineBytes + " bytes (maxLineBytes)");
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, needed));
        }
        System.arraycopy(b, off, data, dataLength, len);
        dataLength += len;
        data[dataLength++] = LF;
    }

    private void checkLineLength(int length) {
        if (length > maxLineBytes) {
            throw new LlmException(LlmException.Code.MALFORMED_STREAM,
                    "server-sent event line longer than " + maxLineBytes + " bytes (maxLineBytes)");
        }
    }

    private static boolean matches(byte[] b, int off, int len, byte[] name) {
        return len == name.length && Arrays.equals(b, off, off + len, name, 0, len);
    }

    private static boolean containsNul(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
