package io.llmstream.adapter.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.in.AudioMessageCommand;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.StreamOutcome;
import io.llmstream.core.usecase.AsyncMessageWriter;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingCore;
import io.llmstream.testkit.InMemoryKnowledgeBase;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.RecordingAudioSink;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.ScriptedSpeechSynthesizer;
import io.llmstream.testkit.TestStreamingCore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The spoken answer's flow in the core, with the testkit's fakes (and the real local engine where said). */
class StreamConversationAudioTest {

    private static final String OWNER = "alice";

    private final InMemoryStore store = new InMemoryStore();

    private StreamingCore core(ScriptedLlmStream llm, Optional<SpeechSynthesizer> speech) {
        InMemoryKnowledgeBase knowledge = new InMemoryKnowledgeBase();
        StreamingCore.Builder builder = TestStreamingCore.wiredWith(llm, store, knowledge)
                .settings(io.llmstream.core.usecase.StreamingSettings.defaults().withDetachGrace(Duration.ZERO)) // a client leaving ends the answer
                .writer(new AsyncMessageWriter(store, io.llmstream.core.port.StreamingObserver.NONE, 1, 100, 1, Duration.ofMillis(5)));
        speech.ifPresent(s -> builder.speech(s, new AudioSettings(2, 240, Duration.ofSeconds(20))));
        return builder.build();
    }

    private Conversation conversation(Optional<String> voiceModel, Optional<String> voiceId) {
        Character character = new Character(UUID.randomUUID(), OWNER, "assistant", Optional.empty(), "Sei knapp.",
                Optional.empty(), Optional.empty(), voiceId, voiceModel, Map.of(), Instant.now());
        store.create(character);
        Conversation conversation = new Conversation(UUID.randomUUID(), OWNER, character, Instant.now());
        store.createConversation(conversation);
        return conversation;
    }

    private static AudioMessageCommand ask(Conversation conversation, AudioFormat format) {
        return new AudioMessageCommand(ConversationMessageCommand.of(OWNER, conversation.id(), "Was ist KI?"), format);
    }

    private Message awaitAnswer(Conversation conversation) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Message> answer = store.messagesOf(conversation.ref()).stream()
                    .filter(m -> m.role() == MessageRole.ASSISTANT).findFirst();
            if (answer.isPresent()) {
                return answer.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the answer was not persisted");
    }

    @Test
    void shouldSpeakEachSentenceInOrderWhileTheLlmGoesOn() throws Exception {
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("KI ist alt. ", "Sie ist z. B. ", "in Autos. ", "Und ", "in Handys.")
                .withDelay(Duration.ofMillis(80));
        ScriptedSpeechSynthesizer speech = ScriptedSpeechSynthesizer.thatSpeaks().withDelay(Duration.ofMillis(10));
        Conversation conversation = conversation(Optional.empty(), Optional.empty());
        RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
        RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(text);

        try (StreamingCore core = core(llm, Optional.of(speech))) {
            StreamOutcome outcome = core.streamConversationAudio().execute(ask(conversation, AudioFormat.WAV), text, audio);

            assertThat(outcome).isInstanceOf(StreamOutcome.Answered.class);
        }

        assertThat(speech.texts()).containsExactly("KI ist alt.", "Sie ist z. B. in Autos.", "Und in Handys.");
        assertThat(speech.maxRunning()).isLessThanOrEqualTo(2);
        assertThat(audio.received()).extracting(r -> r.chunk().seq())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, audio.received().size()).boxed().toList());
        byte[] wav = audio.bytes();
        assertThat(AudioChecks.wavSampleRate(wav)).isEqualTo(ScriptedSpeechSynthesizer.SAMPLE_RATE);
        assertThat(wav.length - 44).isEqualTo(2 * 100 * (11 + 23 + 14));
        List<RecordingEventSink.Received> events = text.received();
        long lastTextChunk = events.get(events.size() - 2).atNanos();
        assertThat(audio.received().getFirst().atNanos()).isLessThan(lastTextChunk); // audio began before the LLM finished
        assertThat(events.getLast().event()).isInstanceOf(StreamEvent.Done.class);
        assertThat(events.getLast().atNanos()).isGreaterThan(audio.received().getLast().atNanos());
        assertThat(events).extracting(r -> r.event().id())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(awaitAnswer(conversation).content()).isEqualTo("KI ist alt. Sie ist z. B. in Autos. Und in Handys.");
    }

    @Test
    void shouldEndTheAudioButPersistTheWholeTextWhenSynthesisFailsMidAnswer() throws Exception {
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("Erster Satz. ", "Zweiter BRUCH Satz. ", "Dritter Satz. ", "Vierter.")
                .withDelay(Duration.ofMillis(50));
        ScriptedSpeechSynthesizer speech = ScriptedSpeechSynthesizer.thatSpeaks().failingOn("BRUCH");
        Conversation conversation = conversation(Optional.empty(), Optional.empty());
        RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
        RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(text);

        try (StreamingCore core = core(llm, Optional.of(speech))) {
            core.streamConversationAudio().execute(ask(conversation, AudioFormat.MP3), text, audio);
        }

        assertThat(audio.failures()).singleElement().asString().startsWith("tts_engine_failed: ");
        assertThat(text.events()).noneMatch(e -> e instanceof StreamEvent.Done || e instanceof StreamEvent.Error);
        Message answer = awaitAnswer(conversation);
        assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
        assertThat(answer.content()).isEqualTo("Erster Satz. Zweiter BRUCH Satz. Dritter Satz. Vierter.");
        assertThat(llm.lastCompletion().isClosed()).isTrue();
    }

    @Test
    void shouldCancelTheLlmAndTheSynthesisWhenTheClientLeaves() throws Exception {
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("Erster Satz. ", "Zweiter STOCKT. ", "Dritter").thenStalls();
        ScriptedSpeechSynthesizer speech = ScriptedSpeechSynthesizer.thatSpeaks().stallingOn("STOCKT");
        Conversation conversation = conversation(Optional.empty(), Optional.empty());
        RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
        RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(text);

        try (StreamingCore core = core(llm, Optional.of(speech))) {
            Thread stream = Thread.ofVirtual().start(() ->
                    core.streamConversationAudio().execute(ask(conversation, AudioFormat.MP3), text, audio));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (speech.texts().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5); // the second sentence is being synthesised (and stalls) while the LLM stalls too
            }
            assertThat(speech.texts()).hasSize(2);

            text.leave(); // as the HTTP sink does when a write or heartbeat finds the client gone

            assertThat(stream.join(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(llm.lastCompletion().isClosed()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (speech.closedEarly() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the synthesis threads are cancelled asynchronously
        }
        assertThat(speech.closedEarly()).isPositive();
        Message answer = awaitAnswer(conversation);
        assertThat(answer.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(answer.errorCode()).contains("client_gone");
    }

    @Test
    void shouldRefuseBeforeSendingOrPersistingAnythingWhenTheVoiceCannotBeSpoken() {
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("Hallo.");
        ScriptedSpeechSynthesizer speech = ScriptedSpeechSynthesizer.thatIsUnavailable(
                "text-to-speech provider 'elevenlabs' is not configured");
        Conversation conversation = conversation(Optional.of("elevenlabs"), Optional.empty());
        RecordingEventSink text = RecordingEventSink.stayingToTheEnd();

        StreamOutcome refused;
        StreamOutcome unconfigured;
        try (StreamingCore core = core(llm, Optional.of(speech)); StreamingCore without = core(llm, Optional.empty())) {
            refused = core.streamConversationAudio().execute(ask(conversation, AudioFormat.MP3), text,
                    RecordingAudioSink.leavingAfter(text, 10));
            unconfigured = without.streamConversationAudio().execute(ask(conversation, AudioFormat.MP3), text,
                    RecordingAudioSink.leavingAfter(text, 10));
        }

        assertThat(refused).isEqualTo(new StreamOutcome.Unavailable("text-to-speech provider 'elevenlabs' is not configured"));
        assertThat(unconfigured).isInstanceOfSatisfying(StreamOutcome.Unavailable.class,
                u -> assertThat(u.message()).contains("no text-to-speech provider"));
        assertThat(text.events()).isEmpty();
        assertThat(llm.completions()).isEmpty();
        assertThat(store.saveLog()).isEmpty();
    }

    @Test
    void shouldStartPlayingTheLocalEnginesMp3BeforeTheLlmFinished() throws Exception {
        EspeakSpeechSynthesizerTest.requireInstalled();
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("Das ist der erste Satz. ", "Hier kommt ", "der zweite Satz. ",
                "Und noch ", "ein dritter Satz.").withDelay(Duration.ofMillis(250));
        Conversation conversation = conversation(Optional.of("espeak"), Optional.of("de"));
        RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
        RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(text);

        try (StreamingCore core = core(llm, Optional.of(new ProviderRegistrySpeechSynthesizer(TtsConfig.localEngine())))) {
            core.streamConversationAudio().execute(ask(conversation, AudioFormat.MP3), text, audio);
        }

        List<RecordingEventSink.Received> events = text.received();
        long lastTextChunk = events.get(events.size() - 2).atNanos();
        assertThat(audio.received()).isNotEmpty();
        assertThat(audio.received().getFirst().atNanos()).isLessThan(lastTextChunk);
        assertThat(AudioChecks.mp3Seconds(audio.bytes())).isGreaterThan(3.0);
        assertThat(audio.failures()).isEmpty();
        assertThat(events.getLast().event()).isInstanceOf(StreamEvent.Done.class);
    }
}
