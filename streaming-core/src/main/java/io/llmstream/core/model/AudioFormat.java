package io.llmstream.core.model;

import java.util.Locale;

/**
 * The container an audio stream is delivered in. {@link #MP3} is a sequence of MPEG audio frames (one
 * encoded segment per sentence, concatenated); {@link #WAV} is one RIFF header whose sizes say "unknown"
 * (0xFFFFFFFF, so players read until the stream ends) followed by 16-bit little-endian mono PCM.
 */
public enum AudioFormat {
    MP3("mp3", "audio/mpeg"),
    WAV("wav", "audio/wav");

    private final String wireName;
    private final String mediaType;

    AudioFormat(String wireName, String mediaType) {
        this.wireName = wireName;
        this.mediaType = mediaType;
    }

    /** What clients write and read: {@code mp3} or {@code wav}. */
    public String wireName() {
        return wireName;
    }

    /** The {@code Content-Type} of a stream in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static AudioFormat fromWire(String value) {
        String wanted = Checks.notBlank(value, "format").strip().toLowerCase(Locale.ROOT);
        for (AudioFormat format : values()) {
            if (format.wireName.equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be mp3 or wav, was '" + value + "'");
    }
}
