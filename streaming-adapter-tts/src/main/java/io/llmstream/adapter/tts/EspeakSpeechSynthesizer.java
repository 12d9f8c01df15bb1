package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local engine: {@code espeak-ng} speaks the text as WAV on its standard output; for MP3 it is piped
 * straight into {@code lame}, for PCM the WAV header is dropped. Each sentence is one process (pipeline).
 */
final class EspeakSpeechSynthesizer implements SpeechSynthesizer {

    private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9_\\-/]+(\\+[A-Za-z0-9_\\-]+)?");

    private final TtsConfig.Espeak config;
    private volatile Set<String> voices;

    EspeakSpeechSynthesizer(TtsConfig.Espeak config) {
        this.config = config;
    }

    @Override
    public Set<String> providers() {
        return Set.of(TtsConfig.ESPEAK);
    }

    @Override
    public Optional<String> unavailability(Voice voice, Encoding encoding) {
        if (!TtsConfig.isInstalled(config.binary())) {
            return Optional.of("text-to-speech provider 'espeak' is not available: " + config.binary()
                    + " is not installed (apt-get install espeak-ng)");
        }
        if (encoding == Encoding.MP3 && !TtsConfig.isInstalled(config.lameBinary())) {
            return Optional.of("text-to-speech provider 'espeak' cannot produce mp3: " + config.lameBinary()
                    + " is not installed (apt-get install lame); ask for format wav instead");
        }
        String name = voice.voiceId().orElse(config.voice());
        if (!VOICE.matcher(name).matches() || !knows(name)) {
            return Optional.of("text-to-speech provider 'espeak' has no voice '" + name + "' (espeak-ng --voices lists them)");
        }
        return Optional.empty();
    }

    @Override
    public Speech open(Request request) {
        String name = request.voice().voiceId().orElse(config.voice());
        if (!VOICE.matcher(name).matches()) {
            throw new SpeechException(SpeechException.Code.UNAVAILABLE, "espeak has no voice '" + name + "'");
        }
        ProcessBuilder espeak = new ProcessBuilder(config.binary(), "-v", name, "-s", Integer.toString(config.wordsPerMinute()),
                "-b", "1", "--stdin", "--stdout").redirectError(ProcessBuilder.Redirect.DISCARD);
        List<ProcessBuilder> stages = request.encoding() == Encoding.MP3
                ? List.of(espeak, new ProcessBuilder(config.lameBinary(), "-t", "--quiet", "-b", Integer.toString(config.mp3Bitrate()),
                        "-", "-").redirectError(ProcessBuilder.Redirect.DISCARD))
                : List.of(espeak);
        try {
            List<Process> processes = ProcessBuilder.startPipeline(stages);
            writeText(processes.getFirst(), request.text());
            return new ProcessSpeech(processes, request.encoding());
        } catch (IOException e) {
            throw new SpeechException(SpeechException.Code.ENGINE_FAILED, "espeak-ng could not be started: " + e.getMessage(), e);
        }
    }

    /** On its own thread: a long text must not block while the engine's output is not read yet. */
    private static void writeText(Process first, String text) {
        Thread.ofVirtual().name("espeak-stdin").start(() -> {
            try (var in = first.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
                in.write('\n');
            } catch (IOException e) {
                // the process died or was closed; its read side reports it
            }
        });
    }

    private boolean knows(String name) {
        Set<String> known = voices;
        if (known == null) {
            known = listVoices();
            voices = known;
        }
        String base = name.contains("+") ? name.substring(0, name.indexOf('+')) : name;
        return known.isEmpty() || known.contains(base.toLowerCase(Locale.ROOT));
    }

    /** Languages, names and files of the installed voices; empty (accept anything) when they cannot be listed. */
    private Set<String> listVoices() {
        try {
            Process process = new ProcessBuilder(config.binary(), "--voices").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Set.of();
            }
            Set<String> names = new HashSet<>();
            out.lines().skip(1).map(String::strip).map(line -> line.split("\\s+")).filter(cols -> cols.length >= 5)
                    .forEach(cols -> {
                        names.add(cols[1].toLowerCase(Locale.ROOT));
                        names.add(cols[3].toLowerCase(Locale.ROOT));
                        names.add(cols[4].toLowerCase(Locale.ROOT));
                    });
            return Set.copyOf(names);
        } catch (IOException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }
}
