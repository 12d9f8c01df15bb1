package io.llmstream.adapter.tts;

import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.port.AudioSink;
import io.llmstream.testkit.RecordingEventSink;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records audio with arrival times; can play a client that leaves after some chunks, telling the text
 * sink too (as the HTTP adapter's one response would).
 */
final class RecordingAudioSink implements AudioSink {

    record Received(AudioChunk chunk, long atNanos) {
    }

    private final RecordingEventSink text;
    private final int leaveAfter;
    private final List<Received> chunks = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    RecordingAudioSink(RecordingEventSink text, int leaveAfter) {
        this.text = text;
        this.leaveAfter = leaveAfter;
    }

    @Override
    public boolean audio(AudioChunk chunk) {
        if (!text.isOpen()) {
            return false;
        }
        if (chunks.size() >= leaveAfter) {
            text.leave();
            return false;
        }
        chunks.add(new Received(chunk, System.nanoTime()));
        return true;
    }

    @Override
    public void audioFailed(String code, String message) {
        failures.add(code + ": " + message);
    }

    List<Received> received() {
        return chunks;
    }

    List<String> failures() {
        return failures;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(c -> out.writeBytes(c.chunk().data()));
        return out.toByteArray();
    }
}
