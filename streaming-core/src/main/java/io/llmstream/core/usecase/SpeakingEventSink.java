package io.llmstream.core.usecase;

import io.llmstream.core.internal.SentenceSplitter;
import io.llmstream.core.internal.SpeakableText;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.port.EventSink;
import java.time.Duration;

/**
 * The speaking subscriber of a stream: sits between the stream's log and one client's text sink, passes text events on, feeds their text
 * to the sentence splitter and the {@link SpeechPipeline}, and holds the final event back until the
 * audio of the whole text is delivered, so it stays the last event. After the audio failed, it swallows
 * every event and reports the client as present, so the answer still completes and is persisted.
 */
final class SpeakingEventSink implements EventSink {

    private final EventSink text;
    private final SpeechPipeline speech;
    private final SentenceSplitter splitter;
    private final Duration finishTimeout;

    SpeakingEventSink(EventSink text, SpeechPipeline speech, SentenceSplitter splitter, Duration finishTimeout) {
        this.text = text;
        this.speech = speech;
        this.splitter = splitter;
        this.finishTimeout = finishTimeout;
    }

    @Override
    public boolean send(StreamEvent event) {
        if (speech.failed()) {
            return true;
        }
        return switch (event) {
            case StreamEvent.Chunk chunk -> {
                splitter.add(chunk.content()).forEach(this::say);
                yield text.send(chunk);
            }
            case StreamEvent.Paused paused -> text.send(paused);
            case StreamEvent.Resumed resumed -> text.send(resumed);
            case StreamEvent.Done done -> sendFinal(done);
            case StreamEvent.Error error -> {
                if (ErrorCode.Stream.SHUTDOWN.wireCode().equals(error.code())) {
                    speech.cancel(); // no time to speak the rest
                }
                yield sendFinal(error);
            }
        };
    }

    @Override
    public boolean isOpen() {
        return speech.failed() || text.isOpen();
    }

    @Override
    public void onClose(Runnable callback) {
        text.onClose(() -> {
            speech.cancel();
            if (!speech.failed()) {
                callback.run();
            }
        });
    }

    private void say(String sentence) {
        String spoken = SpeakableText.of(sentence);
        if (!spoken.isEmpty()) {
            speech.say(spoken);
        }
    }

    private boolean sendFinal(StreamEvent last) {
        splitter.flush().forEach(this::say);
        try {
            speech.finish(finishTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            speech.cancel();
        }
        return speech.failed() || text.send(last);
    }
}
