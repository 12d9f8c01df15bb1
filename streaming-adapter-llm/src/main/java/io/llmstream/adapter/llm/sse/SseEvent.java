package io.llmstream.adapter.llm.sse;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param type        the event type ({@code message} when the stream named none)
 * @param data        the data lines joined with LF, without the final LF
 * @param lastEventId the stream's last event id at dispatch time (empty when none was set)
 */
public record SseEvent(String type, String data, String lastEventId) {

    public SseEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lastEventId, "lastEventId");
    }
}
