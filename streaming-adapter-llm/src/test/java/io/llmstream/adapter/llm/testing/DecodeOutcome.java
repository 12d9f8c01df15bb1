package io.llmstream.adapter.llm.testing;

import io.llmstream.adapter.llm.http.EventDecoder;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What decoding a body yields: the events, and the failure code when it failed. Two outcomes are equal
 * when the events and the code are, so the byte-split invariant compares them directly.
 */
public record DecodeOutcome(List<LlmEvent> events, Optional<LlmException.Code> failure) {

    /** Feeds {@code body} in pieces that end at {@code cuts} (ascending offsets), then ends the stream. */
    public static DecodeOutcome decode(EventDecoder decoder, byte[] body, int... cuts) {
        List<LlmEvent> events = new ArrayList<>();
        try {
            int start = 0;
            for (int cut : cuts) {
                decoder.feed(body, start, cut - start, events::add);
                start = cut;
            }
            decoder.feed(body, start, body.length - start, events::add);
            decoder.end(events::add);
            return new DecodeOutcome(events, Optional.empty());
        } catch (LlmException e) {
            return new DecodeOutcome(events, Optional.of(e.code()));
        }
    }

    /** The text deltas joined. */
    public String text() {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> {
            if (event instanceof LlmEvent.TextDelta delta) {
                text.append(delta.text());
            }
        });
        return text.toString();
    }

    /** The reasoning deltas joined. */
    public String reasoning() {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> {
            if (event instanceof LlmEvent.ReasoningDelta delta) {
                text.append(delta.text());
            }
        });
        return text.toString();
    }

    /** The final event when the stream finished. */
    public Optional<LlmEvent.Finished> finished() {
        return events.isEmpty() || !(events.getLast() instanceof LlmEvent.Finished finished)
                ? Optional.empty() : Optional.of(finished);
    }
}
