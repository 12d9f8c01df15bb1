package io.llmstream.core.port.in;

import io.llmstream.core.model.StreamInfo;
import java.util.Objects;

/**
 * A stream as its owner sees it: what the log knows, and how many clients follow it in this process.
 *
 * @param stream      ids, status, newest event id
 * @param subscribers clients following it right now (0 once it has ended)
 */
public record StreamView(StreamInfo stream, int subscribers) {

    public StreamView {
        Objects.requireNonNull(stream, "stream is required");
        if (subscribers < 0) {
            throw new IllegalArgumentException("subscribers must not be negative, was " + subscribers);
        }
    }
}
