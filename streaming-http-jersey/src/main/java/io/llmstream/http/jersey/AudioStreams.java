package io.llmstream.http.jersey;

import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.usecase.StreamOutcome;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs one spoken answer per request on its own virtual thread and answers the suspended request: with
 * the chunked audio response at the first audio bytes, or with a JSON error when the core refused before
 * (404, 400, 503 naming the text-to-speech provider), or when the answer or its speech failed before any
 * audio (502). Each stream holds a slot under the same caps as the SSE streams.
 */
final class AudioStreams {

    private static final System.Logger LOG = System.getLogger(AudioStreams.class.getName());
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final StreamSlots slots;

    AudioStreams(StreamSlots slots) {
        this.slots = slots;
    }

    void start(ContainerRequestContext request, AsyncResponse async, AudioFormat format,
            Function<JerseyAudioSink, StreamOutcome> useCase) {
        StreamSlots.Slot slot = slots.acquire(CallerFilter.owner(request));
        long number = SEQUENCE.incrementAndGet();
        JerseyAudioSink sink = new JerseyAudioSink(new HeldWire(request, async, format.mediaType()), async::resume);
        Thread.ofVirtual().name("audio-stream-" + number).start(() -> {
            try {
                run(async, useCase, sink);
            } finally {
                slot.close();
            }
        });
    }

    private static void run(AsyncResponse async, Function<JerseyAudioSink, StreamOutcome> useCase, JerseyAudioSink sink) {
        StreamOutcome outcome;
        try {
            outcome = useCase.apply(sink);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "an audio stream failed unexpectedly", e);
            outcome = null;
        }
        if (sink.finish()) {
            return;
        }
        async.resume(refusal(outcome, sink));
    }

    private static Throwable refusal(StreamOutcome outcome, JerseyAudioSink sink) {
        return switch (outcome) {
            case StreamOutcome.NotFound notFound -> ApiException.notFound(notFound.message());
            case StreamOutcome.Rejected rejected -> ApiException.badRequest(rejected.message());
            case StreamOutcome.Unavailable unavailable -> ApiException.unavailable(unavailable.message());
            case StreamOutcome.Answered answered -> {
                StreamEvent.Error error = sink.textError().orElse(null);
                yield error != null
                        ? new ApiException(502, "the answer failed before any audio [" + error.code() + "]: " + error.message())
                        : new ApiException(502, "the answer ended without anything to speak");
            }
            case null -> new ApiException(500, "internal error; the details are in the server's log");
        };
    }
}
