package io.llmstream.core.usecase;

import io.llmstream.core.internal.SentenceSplitter;
import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.in.AudioMessageCommand;
import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamConversationAudio;
import io.llmstream.core.port.in.StreamOutcome;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.UUID;

/** The {@link StreamConversationAudio} use case. */
final class StreamConversationAudioService implements StreamConversationAudio {

    private static final System.Logger LOG = System.getLogger(StreamConversationAudio.class.getName());
    private static final StreamOutcome NO_SYNTHESIZER =
            new StreamOutcome.Unavailable("no text-to-speech provider is configured, so answers cannot be spoken");

    private final StreamConversationMessageService text;
    private final FollowStreamService follow;
    private final AnswerPipeline pipeline;
    private final StreamEventLog log;
    private final Optional<SpeechSynthesizer> synthesizer;
    private final AudioSettings settings;

    StreamConversationAudioService(StreamConversationMessageService text, FollowStreamService follow, AnswerPipeline pipeline,
            Optional<SpeechSynthesizer> synthesizer, AudioSettings settings) {
        this.text = text;
        this.follow = follow;
        this.pipeline = pipeline;
        this.log = pipeline.log();
        this.synthesizer = synthesizer;
        this.settings = settings;
    }

    /** Starts the answer and speaks it into the sinks on the calling thread; returns when both have ended. */
    @Override
    public StreamOutcome execute(AudioMessageCommand command, EventSink events, AudioSink audio) {
        StreamOutcome outcome = start(command);
        if (outcome instanceof StreamOutcome.Started started) {
            speak(command.message().owner(), started.stream().streamId(), 0, command.format(), events, audio);
            return new StreamOutcome.Answered(FollowStreamService.awaitAnswer(started));
        }
        return outcome;
    }

    /**
     * Checks that the thread exists and its voice can be spoken, then starts the answer; returns at once. The voice is
     * checked on the conversation the answer's set-up reads, so that the set-up reads it once.
     */
    @Override
    public StreamOutcome start(AudioMessageCommand command) {
        if (synthesizer.isEmpty()) {
            return NO_SYNTHESIZER;
        }
        return text.start(command.message(), conversation -> voice(conversation, command.format()).refusal());
    }

    /**
     * Speaks the caller's stream {@code streamId} from after event {@code afterId}, on the calling thread, until
     * its final event (or the client leaves). Refusals are decided before anything is sent.
     */
    @Override
    public FollowOutcome speak(String owner, UUID streamId, long afterId, AudioFormat format, EventSink events, AudioSink audio) {
        Optional<StreamInfo> stream = log.find(streamId).filter(info -> info.owner().equals(owner));
        if (stream.isEmpty() || stream.get().dialogue().kind() != DialogueKind.CONVERSATION) {
            return new FollowOutcome.NotFound("Stream '" + streamId + "' not found");
        }
        VoiceCheck check = check(owner, stream.get().dialogue().id(), format);
        if (check.voice().isEmpty()) {
            return check.refusal().<FollowOutcome>map(refusal -> refusal instanceof StreamOutcome.NotFound
                    ? new FollowOutcome.NotFound("Stream '" + streamId + "' not found")
                    : new FollowOutcome.Unavailable(reason(refusal))).orElseThrow();
        }
        SpeechPipeline speech = new SpeechPipeline(synthesizer.orElseThrow(), check.voice().get(), format, audio,
                settings.lookahead(), streamId.toString());
        try {
            return follow.follow(owner, streamId, afterId, new SpeakingEventSink(events, speech,
                    new SentenceSplitter(settings.maxSentenceChars()), settings.finishTimeout()));
        } finally {
            speech.cancel();
        }
    }

    /** The voice of the thread's character, or why it cannot be spoken. */
    private record VoiceCheck(Optional<SpeechSynthesizer.Voice> voice, Optional<StreamOutcome> refusal) {
    }

    private VoiceCheck check(String owner, UUID threadId, AudioFormat format) {
        if (synthesizer.isEmpty()) {
            return refused(NO_SYNTHESIZER);
        }
        Optional<Conversation> conversation;
        try {
            conversation = pipeline.dialogues().findConversation(owner, threadId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading conversation " + threadId + " failed", e);
            return refused(new StreamOutcome.Unavailable("the conversation could not be loaded; try again later"));
        }
        if (conversation.isEmpty()) {
            return refused(new StreamOutcome.NotFound("Conversation '" + threadId + "' not found"));
        }
        return voice(conversation.get(), format);
    }

    /** The voice of the conversation's character, or why the configured synthesizer cannot speak it. */
    private VoiceCheck voice(Conversation conversation, AudioFormat format) {
        SpeechSynthesizer.Voice voice = new SpeechSynthesizer.Voice(conversation.character().voiceModel(),
                conversation.character().voiceId());
        Encoding encoding = switch (format) {
            case MP3 -> Encoding.MP3;
            case WAV -> Encoding.PCM_S16LE;
        };
        Optional<String> unavailable = synthesizer.get().unavailability(voice, encoding);
        if (unavailable.isPresent()) {
            return refused(new StreamOutcome.Unavailable(unavailable.get()));
        }
        return new VoiceCheck(Optional.of(voice), Optional.empty());
    }

    private static String reason(StreamOutcome refusal) {
        return switch (refusal) {
            case StreamOutcome.Unavailable u -> u.message();
            case StreamOutcome.NotFound n -> n.message();
            default -> refusal.toString();
        };
    }

    private static VoiceCheck refused(StreamOutcome why) {
        return new VoiceCheck(Optional.empty(), Optional.of(why));
    }
}
