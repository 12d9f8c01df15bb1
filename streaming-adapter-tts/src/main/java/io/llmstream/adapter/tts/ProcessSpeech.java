package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A speech read from the standard output of a process pipeline; closing it kills the processes. */
final class ProcessSpeech implements Speech {

    private static final int BUFFER = 8192;

    private final List<Process> processes;
    private final InputStream out;
    private final WavStream wav;
    private volatile boolean closed;

    ProcessSpeech(List<Process> processes, Encoding encoding) {
        this.processes = List.copyOf(processes);
        this.out = processes.getLast().getInputStream();
        this.wav = encoding == Encoding.PCM_S16LE ? new WavStream(out) : null;
    }

    @Override
    public String provider() {
        return TtsConfig.ESPEAK;
    }

    @Override
    public int sampleRate() {
        return wav == null ? 22_050 : wav.sampleRate();
    }

    @Override
    public Optional<byte[]> read() {
        try {
            byte[] chunk = wav != null ? wav.read(BUFFER) : readRaw();
            if (chunk != null) {
                return Optional.of(chunk);
            }
            awaitExit();
            return Optional.empty();
        } catch (IOException e) {
            if (closed) {
                throw new SpeechException(SpeechException.Code.CANCELLED, "the speech was closed");
            }
            throw new SpeechException(SpeechException.Code.ENGINE_FAILED, "reading espeak-ng's output failed: " + e.getMessage(), e);
        }
    }

    private byte[] readRaw() throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n = out.read(buffer);
        return n < 0 ? null : Arrays.copyOf(buffer, n);
    }

    private void awaitExit() {
        try {
            for (Process process : processes) {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new SpeechException(SpeechException.Code.TIMEOUT, process.info().command().orElse("the engine")
                            + " did not exit after its output ended");
                }
                if (process.exitValue() != 0 && !closed) {
                    throw new SpeechException(SpeechException.Code.ENGINE_FAILED, process.info().command().orElse("the engine")
                            + " exited with code " + process.exitValue());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SpeechException(SpeechException.Code.CANCELLED, "interrupted while waiting for the engine");
        }
        if (closed) {
            throw new SpeechException(SpeechException.Code.CANCELLED, "the speech was closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        processes.forEach(Process::destroyForcibly);
        try {
            out.close();
        } catch (IOException e) {
            // closing a dead pipe: nothing to do
        }
    }
}
