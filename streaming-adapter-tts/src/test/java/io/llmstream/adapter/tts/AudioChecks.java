package io.llmstream.adapter.tts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes the structure of audio bytes, to prove they are playable and how long they last. */
final class AudioChecks {

    private static final int[] MPEG1_L3_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_L3_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[][] RATES = {{11_025, 12_000, 8_000}, {0, 0, 0}, {22_050, 24_000, 16_000}, {44_100, 48_000, 32_000}};

    private AudioChecks() {
    }

    /**
     * Walks the MPEG audio layer III frames from the first byte to the last (after an optional ID3v2 tag);
     * fails unless every byte belongs to a frame with a valid header.
     *
     * @return the duration in seconds
     */
    static double mp3Seconds(byte[] mp3) {
        int at = 0;
        if (mp3.length > 10 && mp3[0] == 'I' && mp3[1] == 'D' && mp3[2] == '3') {
            at = 10 + ((mp3[6] & 0x7F) << 21 | (mp3[7] & 0x7F) << 14 | (mp3[8] & 0x7F) << 7 | (mp3[9] & 0x7F));
        }
        double seconds = 0;
        int frames = 0;
        while (at < mp3.length) {
            if (at + 4 > mp3.length) {
                throw new AssertionError("a truncated frame header at byte " + at);
            }
            int h = (mp3[at] & 0xFF) << 24 | (mp3[at + 1] & 0xFF) << 16 | (mp3[at + 2] & 0xFF) << 8 | (mp3[at + 3] & 0xFF);
            if ((h >>> 21) != 0x7FF) {
                throw new AssertionError("no frame sync at byte " + at + " of " + mp3.length);
            }
            int version = (h >>> 19) & 3;
            int layer = (h >>> 17) & 3;
            int bitrateIndex = (h >>> 12) & 0xF;
            int rateIndex = (h >>> 10) & 3;
            int padding = (h >>> 9) & 1;
            if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                throw new AssertionError("an invalid layer III frame header at byte " + at);
            }
            boolean mpeg1 = version == 3;
            int kbps = (mpeg1 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex];
            int rate = RATES[version][rateIndex];
            int length = (mpeg1 ? 144 : 72) * kbps * 1000 / rate + padding;
            seconds += (mpeg1 ? 1152.0 : 576.0) / rate;
            at += length;
            frames++;
        }
        if (frames == 0 || at != mp3.length) {
            throw new AssertionError("the MP3 does not end on a frame boundary (" + frames + " frames)");
        }
        return seconds;
    }

    /** Parses a streamed WAV (16-bit mono) and returns its duration in seconds from the bytes actually there. */
    static double wavSeconds(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 44 || !new String(wav, 0, 4).equals("RIFF") || !new String(wav, 8, 4).equals("WAVE")
                || !new String(wav, 12, 4).equals("fmt ") || !new String(wav, 36, 4).equals("data")) {
            throw new AssertionError("not a canonical WAV header");
        }
        if (b.getShort(20) != 1 || b.getShort(22) != 1 || b.getShort(34) != 16) {
            throw new AssertionError("not 16-bit mono PCM");
        }
        int rate = b.getInt(24);
        return (wav.length - 44) / 2.0 / rate;
    }

    static int wavSampleRate(byte[] wav) {
        return ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(24);
    }
}
