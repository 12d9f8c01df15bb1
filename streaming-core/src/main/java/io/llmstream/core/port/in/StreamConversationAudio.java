package io.llmstream.core.port.in;

import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.EventSink;
import java.util.UUID;

/**
 * Answers a message in a conversation thread as speech, while it is generated. The answer is an ordinary
 * conversation stream ({@link StreamConversationMessage#start}: same log, same ids, stored the same way); the
 * speaker is one more subscriber of its log: it cuts the text into sentences as it arrives and synthesises each
 * in order, a bounded number ahead, in the character's voice ({@code voice_model} / {@code voice_id}). So text
 * and audio of one answer share one stream id, and the speech can be resumed from an event id like the text.
 *
 * <p>Text events go to the {@link EventSink}, audio to the {@link AudioSink}; the final event comes after all
 * audio. Before anything starts, the outcome is {@link StreamOutcome.Unavailable} with a message naming the
 * provider when the voice cannot be spoken. A synthesis failure mid-answer ends the audio
 * ({@link AudioSink#audioFailed}) and nothing more is sent to this subscriber, while the answer goes on.
 */
public interface StreamConversationAudio {

    /** Starts the answer and speaks it into the sinks on the calling thread; returns when both have ended. */
    StreamOutcome execute(AudioMessageCommand command, EventSink events, AudioSink audio);

    /** Checks that the thread exists and its voice can be spoken, then starts the answer; returns at once. */
    StreamOutcome start(AudioMessageCommand command);

    /**
     * Speaks the caller's stream {@code streamId} from after event {@code afterId}, on the calling thread, until
     * its final event (or the client leaves). Refusals are decided before anything is sent.
     */
    FollowOutcome speak(String owner, UUID streamId, long afterId, AudioFormat format, EventSink events, AudioSink audio);
}
