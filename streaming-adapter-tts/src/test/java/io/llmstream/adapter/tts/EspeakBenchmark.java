package io.llmstream.adapter.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer.Request;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import io.llmstream.core.port.SpeechSynthesizer.Voice;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.core.port.in.AudioMessageCommand;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.usecase.AsyncMessageWriter;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingCore;
import io.llmstream.testkit.InMemoryKnowledgeBase;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.RecordingAudioSink;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.TestStreamingCore;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Time to first audio byte and real-time factor of the local engine; prints its figures. Not part of the
 * default build: run it with {@code -Dtts.bench=true} (see docs/benchmarks.md).
 */
class EspeakBenchmark {

    private static final String SHORT = "Künstliche Intelligenz bezeichnet Systeme, die Aufgaben lösen.";
    private static final String LONG = "Maschinelles Lernen ist ein Teilgebiet der künstlichen Intelligenz, in dem Modelle "
            + "Muster aus Daten lernen, statt dass Menschen jede Regel von Hand aufschreiben, und das seit vielen Jahren.";
    private static final int RUNS = 10;

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("tts.bench"), "run with -Dtts.bench=true");
        EspeakSpeechSynthesizerTest.requireInstalled();
        EspeakSpeechSynthesizer espeak = new EspeakSpeechSynthesizer(TtsConfig.Espeak.defaults());
        speak(espeak, SHORT, Encoding.MP3); // warm the page cache
        for (Encoding encoding : Encoding.values()) {
            for (String text : List.of(SHORT, LONG)) {
                report(espeak, text, encoding);
            }
        }
        endToEnd();
    }

    private static void report(EspeakSpeechSynthesizer espeak, String text, Encoding encoding) {
        double[] firstMs = new double[RUNS];
        double[] rtf = new double[RUNS];
        double audioSeconds = 0;
        for (int i = 0; i < RUNS; i++) {
            Result r = speak(espeak, text, encoding);
            firstMs[i] = r.firstByteNanos / 1e6;
            audioSeconds = encoding == Encoding.MP3 ? AudioChecks.mp3Seconds(r.audio) : r.audio.length / 2.0 / 22_050;
            rtf[i] = r.totalNanos / 1e9 / audioSeconds;
        }
        System.out.printf(Locale.ROOT, "espeak %-9s %3d chars, %.2f s audio: first byte median %.0f ms (p90 %.0f), RTF median %.3f (p90 %.3f)%n",
                encoding, text.length(), audioSeconds, median(firstMs), p90(firstMs), median(rtf), p90(rtf));
    }

    /** Through the use case: an LLM sending a word every 30 ms; when does the first audio arrive? */
    private static void endToEnd() throws Exception {
        String answer = SHORT + " " + LONG;
        List<String> words = new ArrayList<>();
        for (String w : answer.split(" ")) {
            words.add(w + " ");
        }
        double[] firstAudio = new double[5];
        double[] firstText = new double[5];
        double[] llmDone = new double[5];
        for (int run = 0; run < firstAudio.length; run++) {
            InMemoryStore store = new InMemoryStore();
            InMemoryKnowledgeBase knowledge = new InMemoryKnowledgeBase();
            ScriptedLlmStream llm = ScriptedLlmStream.thatStreams(words.toArray(String[]::new)).withDelay(Duration.ofMillis(30));
            Character character = new Character(UUID.randomUUID(), "bench", "bench", Optional.empty(), "x", Optional.empty(),
                    Optional.empty(), Optional.of("de"), Optional.of("espeak"), Map.of(), Instant.now());
            store.create(character);
            Conversation conversation = new Conversation(UUID.randomUUID(), "bench", character, Instant.now());
            store.createConversation(conversation);
            RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
            RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(text);
            try (StreamingCore core = TestStreamingCore.wiredWith(llm, store, knowledge)
                    .writer(new AsyncMessageWriter(store, StreamingObserver.NONE, 1, 100, 1, Duration.ofMillis(5)))
                    .speech(new ProviderRegistrySpeechSynthesizer(TtsConfig.localEngine()), AudioSettings.defaults()).build()) {
                long start = System.nanoTime();
                core.streamConversationAudio().execute(new AudioMessageCommand(
                        ConversationMessageCommand.of("bench", conversation.id(), "?"), AudioFormat.MP3), text, audio);
                firstAudio[run] = (audio.received().getFirst().atNanos() - start) / 1e6;
                firstText[run] = (text.received().getFirst().atNanos() - start) / 1e6;
                llmDone[run] = (text.received().get(text.received().size() - 2).atNanos() - start) / 1e6;
                assertThat(audio.failures()).isEmpty();
            }
        }
        System.out.printf(Locale.ROOT, "use case, LLM at 30 ms/word (%d words): first text %.0f ms, first audio median %.0f ms "
                + "(p90 %.0f), LLM finished at %.0f ms%n", words.size(), median(firstText), median(firstAudio), p90(firstAudio),
                median(llmDone));
    }

    private record Result(long firstByteNanos, long totalNanos, byte[] audio) {
    }

    private static Result speak(EspeakSpeechSynthesizer espeak, String text, Encoding encoding) {
        long start = System.nanoTime();
        long first = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Speech speech = espeak.open(new Request(new Voice(Optional.empty(), Optional.of("de")), text, encoding))) {
            Optional<byte[]> chunk;
            while ((chunk = speech.read()).isPresent()) {
                if (first == 0) {
                    first = System.nanoTime() - start;
                }
                out.writeBytes(chunk.get());
            }
        }
        return new Result(first, System.nanoTime() - start, out.toByteArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double p90(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.9) - 1];
    }
}
