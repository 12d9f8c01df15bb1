package io.llmstream.core.model;

import java.util.Locale;

/**
 * Where a stream is in its life: {@code running → paused ↔ running → complete | failed | stopped | interrupted}.
 * The last four are final; a final stream's log stays readable for the retention period.
 */
public enum StreamStatus {
    /** Generating, and delivering to its subscribers. */
    RUNNING,
    /** Generating into a bounded buffer (then holding the upstream) while its subscribers get nothing new. */
    PAUSED,
    /** Ended with a {@code done} event of status {@code complete}. */
    COMPLETE,
    /** The LLM failed; ended with an {@code error} event. */
    FAILED,
    /** A user stopped it (or a pause outlasted its limit); ended with a {@code done} event of status {@code stopped}. */
    STOPPED,
    /** Nobody was listening any more, a limit was hit or the server shut down; ended with an {@code error} event. */
    INTERRUPTED;

    public boolean isFinal() {
        return this != RUNNING && this != PAUSED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status the answer's message is stored with once the stream has ended this way. */
    public MessageStatus messageStatus() {
        return switch (this) {
            case RUNNING, PAUSED, COMPLETE -> MessageStatus.COMPLETE;
            case FAILED -> MessageStatus.FAILED;
            case STOPPED -> MessageStatus.STOPPED;
            case INTERRUPTED -> MessageStatus.INTERRUPTED;
        };
    }
}
