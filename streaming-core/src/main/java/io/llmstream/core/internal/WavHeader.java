package io.llmstream.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 44-byte header of a streamed WAV file of 16-bit mono PCM. Its RIFF and data sizes are 0xFFFFFFFF
 * ("unknown"): the length is not known when the header is sent, and players then read until the end of
 * the stream.
 */
public final class WavHeader {

    public static final int LENGTH = 44;
    private static final int UNKNOWN = 0xFFFFFFFF;

    private WavHeader() {
    }

    public static byte[] streaming(int sampleRate) {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
        }
        ByteBuffer header = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(UNKNOWN).put(new byte[] {'W', 'A', 'V', 'E'});
        header.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        header.put(new byte[] {'d', 'a', 't', 'a'}).putInt(UNKNOWN);
        return header.array();
    }
}
