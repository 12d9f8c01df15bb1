package io.llmstream.http.jersey;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@code GET <base>/v1/ws} is served.
 *
 * @param maxFrameBytes         largest text message a client may send; a larger one closes the connection 1009
 * @param maxQueuedFrames       frames waiting to be written to one connection; while they are full a stream's
 *                              subscription waits (a resume catching up does), and a client that keeps them full
 *                              for {@code lagTimeout} is closed 1008 {@code lagging} (its streams go on for others)
 * @param maxMessagesPerSecond  messages one connection may send per second; more closes it 1008
 * @param lagTimeout            how long the queue may stay full before the client counts as lagging
 * @param allowedOrigins        {@code Origin} values accepted besides the server's own and loopback ones; a browser
 *                              upgrade from any other origin is refused 403 (clients that send no {@code Origin} pass)
 */
public record WebSocketSettings(int maxFrameBytes, int maxQueuedFrames, int maxMessagesPerSecond,
        List<String> allowedOrigins, Duration lagTimeout) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_QUEUED_FRAMES = 1024;
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 50;
    public static final Duration DEFAULT_LAG_TIMEOUT = Duration.ofSeconds(10);

    public WebSocketSettings {
        if (maxFrameBytes < 256) {
            throw new IllegalArgumentException("maxFrameBytes must be 256 or more, was " + maxFrameBytes);
        }
        if (maxQueuedFrames < 1) {
            throw new IllegalArgumentException("maxQueuedFrames must be 1 or more, was " + maxQueuedFrames);
        }
        if (maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("maxMessagesPerSecond must be 1 or more, was " + maxMessagesPerSecond);
        }
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins is required"));
        Objects.requireNonNull(lagTimeout, "lagTimeout is required");
        if (lagTimeout.isNegative()) {
            throw new IllegalArgumentException("lagTimeout must not be negative, was " + lagTimeout);
        }
    }

    /**
     * Frames up to 64 KiB, 1024 queued frames, 50 messages a second, no origins beyond the server's own and loopback,
     * lagging after 10 s with a full queue.
     */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_QUEUED_FRAMES, DEFAULT_MAX_MESSAGES_PER_SECOND,
                List.of(), DEFAULT_LAG_TIMEOUT);
    }

    public WebSocketSettings withMaxFrameBytes(int bytes) {
        return new WebSocketSettings(bytes, maxQueuedFrames, maxMessagesPerSecond, allowedOrigins, lagTimeout);
    }

    public WebSocketSettings withMaxQueuedFrames(int frames) {
        return new WebSocketSettings(maxFrameBytes, frames, maxMessagesPerSecond, allowedOrigins, lagTimeout);
    }

    public WebSocketSettings withMaxMessagesPerSecond(int messages) {
        return new WebSocketSettings(maxFrameBytes, maxQueuedFrames, messages, allowedOrigins, lagTimeout);
    }

    public WebSocketSettings withLagTimeout(Duration timeout) {
        return new WebSocketSettings(maxFrameBytes, maxQueuedFrames, maxMessagesPerSecond, allowedOrigins, timeout);
    }

    public WebSocketSettings withAllowedOrigins(List<String> origins) {
        return new WebSocketSettings(maxFrameBytes, maxQueuedFrames, maxMessagesPerSecond, origins, lagTimeout);
    }
}
