package io.llmstream.testkit;

import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.port.AudioSink;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AudioSink} that records the audio it receives, with the time of each chunk, and its
 * failure. It shares its client with a {@link RecordingEventSink}, as the HTTP adapter's one response
 * does: once the text sink's client has left, {@code audio} returns {@code false}; a client that leaves
 * after some chunks ({@link #leavingAfter}) leaves the text sink too.
 *
 * <pre>{@code
 * RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
 * RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(text);
 * }</pre>
 */
public final class RecordingAudioSink implements AudioSink {

    /** A chunk and when it arrived ({@link System#nanoTime()}). */
    public record Received(AudioChunk chunk, long atNanos) {
    }

    private final RecordingEventSink text;
    private final int leaveAfter;
    private final List<Received> chunks = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private RecordingAudioSink(RecordingEventSink text, int leaveAfter) {
        this.text = text;
        this.leaveAfter = leaveAfter;
    }

    /** The audio of the client of {@code text}, staying as long as that client does. */
    public static RecordingAudioSink stayingToTheEnd(RecordingEventSink text) {
        return new RecordingAudioSink(text, Integer.MAX_VALUE);
    }

    /** The audio of the client of {@code text}, which leaves (both sinks) when offered chunk number {@code chunks + 1}. */
    public static RecordingAudioSink leavingAfter(RecordingEventSink text, int chunks) {
        return new RecordingAudioSink(text, chunks);
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

    /** The chunks received, in order. */
    public List<Received> received() {
        return List.copyOf(chunks);
    }

    /** Each failure as {@code "<code>: <message>"}. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** All audio received, concatenated. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(c -> out.writeBytes(c.chunk().data()));
        return out.toByteArray();
    }
}
