package io.llmstream.core.usecase;

import io.llmstream.core.internal.SentenceSplitter;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Streams the answer to a message in a conversation thread as speech, while it is generated: the same
 * seven steps as {@link StreamConversationMessage} (which it runs; the text answer is persisted exactly as
 * for a text stream), with the text cut into sentences as it arrives and each sentence synthesised in
 * order, a bounded number ahead, in the character's voice ({@code voice_model} / {@code voice_id}).
 *
 * <p>Text events go to the {@link EventSink} (ids 1, 2, 3, … as for text streams; the final event comes
 * after all audio), audio to the {@link AudioSink}. Before anything is sent, the outcome is
 * {@link StreamOutcome.Unavailable} with a message naming the provider when the voice cannot be spoken
 * (no provider configured, engine not installed, no API key). A synthesis failure mid-answer ends the
 * audio ({@link AudioSink#audioFailed}) and nothing more is sent, while the LLM goes on and the answer is
 * persisted complete. A client that leaves cancels the LLM and the synthesis. Runs on the calling thread
 * and returns when the text stream and the audio have ended.
 */
public final class StreamConversationAudio {

    private static final System.Logger LOG = System.getLogger(StreamConversationAudio.class.getName());

    private final StreamConversationMessage text;
    private final AnswerPipeline pipeline;
    private final Optional<SpeechSynthesizer> synthesizer;
    private final AudioSettings settings;

    StreamConversationAudio(StreamConversationMessage text, AnswerPipeline pipeline, Optional<SpeechSynthesizer> synthesizer,
            AudioSettings settings) {
        this.text = text;
        this.pipeline = pipeline;
        this.synthesizer = synthesizer;
        this.settings = settings;
    }

    public StreamOutcome execute(AudioMessageCommand command, EventSink events, AudioSink audio) {
        if (synthesizer.isEmpty()) {
            return new StreamOutcome.Unavailable("no text-to-speech provider is configured, so answers cannot be spoken");
        }
        Optional<Conversation> conversation;
        try {
            conversation = pipeline.store().findConversation(command.message().owner(), command.message().threadId());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading conversation " + command.message().threadId() + " failed", e);
            return new StreamOutcome.Unavailable("the conversation could not be loaded; try again later");
        }
        if (conversation.isEmpty()) {
            return new StreamOutcome.NotFound("Conversation '" + command.message().threadId() + "' not found");
        }
        SpeechSynthesizer.Voice voice = new SpeechSynthesizer.Voice(conversation.get().character().voiceModel(),
                conversation.get().character().voiceId());
        Encoding encoding = switch (command.format()) {
            case MP3 -> Encoding.MP3;
            case WAV -> Encoding.PCM_S16LE;
        };
        Optional<String> unavailable = synthesizer.get().unavailability(voice, encoding);
        if (unavailable.isPresent()) {
            return new StreamOutcome.Unavailable(unavailable.get());
        }
        SpeechPipeline speech = new SpeechPipeline(synthesizer.get(), voice, command.format(), audio, settings.lookahead(),
                command.message().threadId().toString());
        try {
            return text.execute(command.message(), new SpeakingEventSink(events, speech,
                    new SentenceSplitter(settings.maxSentenceChars()), settings.finishTimeout()));
        } finally {
            speech.cancel();
        }
    }
}
