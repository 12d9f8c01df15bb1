package io.llmstream.http.jersey;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake synthesizer for the HTTP tests: 160 samples of PCM per character at 16 kHz (10 ms per
 * character), or as many 144-byte MPEG-2 layer III frames (32 kbit/s, 16 kHz, 36 ms each); fails on a
 * marker.
 */
final class ToneSpeechSynthesizer implements SpeechSynthesizer {

    static final int SAMPLE_RATE = 16_000;
    static final byte[] MP3_FRAME = mp3Frame();

    private final AtomicInteger opened = new AtomicInteger();
    private volatile Optional<String> unavailable = Optional.empty();
    private volatile String failOn = "\u0000";

    ToneSpeechSynthesizer unavailable(Optional<String> reason) {
        this.unavailable = reason;
        return this;
    }

    ToneSpeechSynthesizer failingOn(String marker) {
        this.failOn = marker;
        return this;
    }

    int opened() {
        return opened.get();
    }

    /** MPEG-2 layer III, 32 kbit/s, 16 kHz, no padding: 72 * 32000 / 16000 = 144 bytes. */
    private static byte[] mp3Frame() {
        byte[] frame = new byte[144];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xF3;
        frame[2] = (byte) 0x48;
        frame[3] = (byte) 0xC4;
        return frame;
    }

    @Override
    public Set<String> providers() {
        return Set.of("tone");
    }

    @Override
    public Optional<String> unavailability(Voice voice, Encoding encoding) {
        return unavailable;
    }

    @Override
    public Speech open(Request request) {
        opened.incrementAndGet();
        return new Speech() {
            private final CountDownLatch closed = new CountDownLatch(1);
            private boolean done;

            @Override
            public String provider() {
                return "tone";
            }

            @Override
            public int sampleRate() {
                return SAMPLE_RATE;
            }

            @Override
            public Optional<byte[]> read() {
                if (closed.getCount() == 0) {
                    throw new SpeechException(SpeechException.Code.CANCELLED, "closed");
                }
                if (request.text().contains(failOn)) {
                    throw new SpeechException(SpeechException.Code.ENGINE_FAILED, "the tone engine broke");
                }
                if (done) {
                    return Optional.empty();
                }
                done = true;
                int characters = request.text().length();
                if (request.encoding() == Encoding.PCM_S16LE) {
                    return Optional.of(new byte[characters * 160 * 2]);
                }
                byte[] frames = new byte[characters * MP3_FRAME.length];
                for (int i = 0; i < characters; i++) {
                    System.arraycopy(MP3_FRAME, 0, frames, i * MP3_FRAME.length, MP3_FRAME.length);
                }
                return Optional.of(frames);
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
    }
}
