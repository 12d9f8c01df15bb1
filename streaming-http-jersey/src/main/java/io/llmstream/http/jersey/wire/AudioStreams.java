package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.error.Outcomes;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.StreamOutcome;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The chunked-audio side of the stream resource: a spoken answer is a conversation stream with a speaking
 * subscriber. Each subscriber runs on its own virtual thread and answers the suspended request: with the
 * chunked audio response at the first audio bytes (header {@code X-Stream-Id}), or with a JSON error when the
 * core refused before (404, 400, 409, 503 naming the text-to-speech provider), or when the answer or its speech
 * failed before any audio (502). A started stream holds a slot under the same caps as the SSE streams.
 */
public final class AudioStreams {

    private static final System.Logger LOG = System.getLogger(AudioStreams.class.getName());

    private final StreamSlots slots;
    /** Names each subscriber's virtual thread (audio-subscriber-1, -2, …); safe for concurrent use. */
    private final ThreadFactory subscriberThreads = Thread.ofVirtual().name("audio-subscriber-", 1).factory();

    public AudioStreams(StreamSlots slots) {
        this.slots = slots;
    }

    /** Starts the answer and speaks it from its start. */
    public void start(ContainerRequestContext request, AsyncResponse async, AudioFormat format, Supplier<StreamOutcome> starter,
            BiFunction<UUID, JerseyAudioSink, FollowOutcome> speaker) {
        var slot = slots.acquire(CallerFilter.owner(request));
        JerseyHeldResponse response = new JerseyHeldResponse(request, async, format.mediaType());
        JerseyAudioSink sink = new JerseyAudioSink(response, async::resume);
        spawn(() -> {
            StreamOutcome outcome = StreamSlots.startIn(slot, starter);
            if (!(outcome instanceof StreamOutcome.Started started)) {
                async.resume(Outcomes.refusal(outcome));
                return;
            }
            UUID streamId = started.stream().streamId();
            response.header(SseStreams.STREAM_ID_HEADER, streamId.toString());
            finish(async, sink, speakSafely(id -> speaker.apply(id, sink), streamId));
        });
    }

    /** Speaks a stream that runs or ran, from an event id on. */
    public void follow(ContainerRequestContext request, AsyncResponse async, AudioFormat format,
            Function<JerseyAudioSink, FollowOutcome> speaker) {
        JerseyAudioSink sink = new JerseyAudioSink(new JerseyHeldResponse(request, async, format.mediaType()), async::resume);
        spawn(() -> finish(async, sink, speakSafely(id -> speaker.apply(sink), null)));
    }

    private void spawn(Runnable subscriber) {
        subscriberThreads.newThread(subscriber).start();
    }

    private static FollowOutcome speakSafely(Function<UUID, FollowOutcome> speaker, UUID streamId) {
        try {
            return speaker.apply(streamId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "an audio stream failed unexpectedly", e);
            return null;
        }
    }

    private static void finish(AsyncResponse async, JerseyAudioSink sink, FollowOutcome outcome) {
        if (!sink.finish()) {
            SseStreams.answer(async, outcome, () -> sink.textError()
                    .map(error -> new ApiException(502, "the answer failed before any audio [" + error.code() + "]: " + error.message()))
                    .orElseGet(() -> new ApiException(502, "the answer ended without anything to speak")));
        }
    }
}
