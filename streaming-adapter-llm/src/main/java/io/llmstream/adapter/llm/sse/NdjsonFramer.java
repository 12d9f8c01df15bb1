package io.llmstream.adapter.llm.sse;

import io.llmstream.core.port.LlmException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental framer of newline-delimited JSON: one line per record, ended by LF (a CR before it is
 * dropped), blank lines skipped, a last line without LF delivered by {@link #end}. Lines are decoded
 * as UTF-8 only when complete, so a character split across reads decodes correctly; a line longer than
 * {@code maxLineBytes} throws an {@link LlmException} of code {@code MALFORMED_STREAM}.
 *
 * <p>Not thread-safe: one framer per stream, fed by one thread.
 */
public final class NdjsonFramer {

    private final int maxLineBytes;
    private byte[] line = new byte[512];
    private int lineLength;

    /** A framer whose lines may be at most {@code maxLineBytes} long. */
    public NdjsonFramer(int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Feeds the next bytes; complete non-blank lines go to {@code lines} in order. */
    public void feed(byte[] bytes, int offset, int length, Consumer<String> lines) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int j = i;
            while (j < end && bytes[j] != '\n') {
                j++;
            }
            append(bytes, i, j - i);
            if (j == end) {
                return;
            }
            emit(lines);
            i = j + 1;
        }
    }

    /** Ends the stream, delivering a last line that had no LF. */
    public void end(Consumer<String> lines) {
        emit(lines);
    }

    /** Whether bytes of an unfinished line are buffered. */
    public boolean hasPartialLine() {
        return lineLength > 0;
    }

    private void emit(Consumer<String> lines) {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineLength = 0;
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
            lines.accept(text);
        }
    }

    private void append(byte[] b, int off, int len) {
        if (lineLength + len > maxLineBytes) {
            throw new LlmException(LlmException.Code.MALFORMED_STREAM,
                    "NDJSON line longer than " + maxLineBytes + " bytes (maxLineBytes)");
        }
        if (lineLength + len > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + len)));
        }
        System.arraycopy(b, off, line, lineLength, len);
        lineLength += len;
    }
}
