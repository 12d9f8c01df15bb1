package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads the PCM samples out of a WAV byte stream whose sizes may be placeholders (as espeak-ng writes to
 * a pipe): parses the RIFF header up to the {@code data} chunk, checks 16-bit mono PCM, then passes the
 * rest through.
 */
final class WavStream {

    private final InputStream in;
    private int sampleRate;
    private boolean headerRead;

    WavStream(InputStream in) {
        this.in = in;
    }

    int sampleRate() {
        return sampleRate == 0 ? 22_050 : sampleRate;
    }

    /** The next samples, or {@code null} at the end. */
    byte[] read(int max) throws IOException {
        if (!headerRead) {
            if (!readHeader()) {
                return null;
            }
            headerRead = true;
        }
        byte[] buffer = new byte[max];
        int n = in.read(buffer);
        return n < 0 ? null : Arrays.copyOf(buffer, n);
    }

    private boolean readHeader() throws IOException {
        byte[] riff = in.readNBytes(12);
        if (riff.length == 0) {
            return false;
        }
        if (riff.length < 12 || !new String(riff, 0, 4).equals("RIFF") || !new String(riff, 8, 4).equals("WAVE")) {
            throw malformed("the engine's output is not a WAV stream");
        }
        while (true) {
            byte[] chunk = in.readNBytes(8);
            if (chunk.length < 8) {
                throw malformed("the WAV stream ended before its data chunk");
            }
            String id = new String(chunk, 0, 4);
            long size = ByteBuffer.wrap(chunk, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (id.equals("data")) {
                return true;
            }
            if (size > 1 << 16) {
                throw malformed("the WAV chunk '" + id + "' is implausibly large");
            }
            byte[] body = in.readNBytes((int) size + (int) (size & 1));
            if (id.equals("fmt ")) {
                format(body);
            }
        }
    }

    private void format(byte[] fmt) {
        ByteBuffer b = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
        int encoding = b.getShort(0);
        int channels = b.getShort(2);
        int bits = b.getShort(14);
        if (encoding != 1 || channels != 1 || bits != 16) {
            throw malformed("the engine produced WAV that is not 16-bit mono PCM (format " + encoding + ", " + channels
                    + " channels, " + bits + " bits)");
        }
        sampleRate = b.getInt(4);
    }

    private static SpeechException malformed(String message) {
        return new SpeechException(SpeechException.Code.MALFORMED_AUDIO, message);
    }
}
