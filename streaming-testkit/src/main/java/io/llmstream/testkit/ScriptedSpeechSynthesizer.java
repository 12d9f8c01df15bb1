package io.llmstream.testkit;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SpeechSynthesizer} that speaks silence: for every character of the text 100 samples of
 * {@link Encoding#PCM_S16LE} (200 bytes; for {@link Encoding#MP3} 100 bytes standing for frames), in two
 * pieces of equal size, each after an optional delay. Texts containing a marker can fail or stall after
 * the first piece. It records every request, how many speeches ran at once and how many were closed
 * before their audio was complete.
 *
 * <pre>{@code
 * ScriptedSpeechSynthesizer speech = ScriptedSpeechSynthesizer.thatSpeaks().withDelay(Duration.ofMillis(10));
 * ScriptedSpeechSynthesizer breaking = ScriptedSpeechSynthesizer.thatSpeaks().failingOn("BRUCH");
 * ScriptedSpeechSynthesizer stalling = ScriptedSpeechSynthesizer.thatSpeaks().stallingOn("STOCKT");
 * ScriptedSpeechSynthesizer refusing = ScriptedSpeechSynthesizer.thatIsUnavailable("provider 'x' is not configured");
 * }</pre>
 *
 * <p>Its only provider is {@value #PROVIDER}; thread-safe; configure it before opening speeches.
 */
public final class ScriptedSpeechSynthesizer implements SpeechSynthesizer {

    /** The provider it names. */
    public static final String PROVIDER = "scripted";
    /** The sample rate of its PCM audio. */
    public static final int SAMPLE_RATE = 16_000;
    /** How long a stalled speech waits to be closed before it fails with {@link SpeechException.Code#TIMEOUT}. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private static final String NEVER = "\u0000";

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile String failOn = NEVER;
    private volatile String stallOn = NEVER;
    private volatile Optional<String> unavailable = Optional.empty();

    private ScriptedSpeechSynthesizer() {
    }

    /** Speaks every text, without delay. */
    public static ScriptedSpeechSynthesizer thatSpeaks() {
        return new ScriptedSpeechSynthesizer();
    }

    /** Reports every voice as unavailable for this reason (it still speaks when opened anyway). */
    public static ScriptedSpeechSynthesizer thatIsUnavailable(String reason) {
        ScriptedSpeechSynthesizer synthesizer = new ScriptedSpeechSynthesizer();
        synthesizer.unavailable = Optional.of(reason);
        return synthesizer;
    }

    /** Waits this long before each piece of audio. */
    public ScriptedSpeechSynthesizer withDelay(Duration perPiece) {
        this.delay = perPiece;
        return this;
    }

    /**
     * Texts containing {@code marker} yield their first piece, then fail with
     * {@link SpeechException.Code#ENGINE_FAILED}; the empty marker matches every text.
     */
    public ScriptedSpeechSynthesizer failingOn(String marker) {
        this.failOn = marker;
        return this;
    }

    /**
     * Texts containing {@code marker} yield their first piece, then nothing until the speech is closed (at
     * most {@link #STALL_LIMIT}); the empty marker matches every text.
     */
    public ScriptedSpeechSynthesizer stallingOn(String marker) {
        this.stallOn = marker;
        return this;
    }

    /** The texts of all requests, in the order they were opened. */
    public List<String> texts() {
        return requests.stream().map(Request::text).toList();
    }

    /** All requests, in the order they were opened. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The most speeches that were open at the same time. */
    public int maxRunning() {
        return maxRunning.get();
    }

    /** How many speeches were closed before all their audio was read. */
    public int closedEarly() {
        return closedEarly.get();
    }

    @Override
    public Set<String> providers() {
        return Set.of(PROVIDER);
    }

    @Override
    public Optional<String> unavailability(Voice voice, Encoding encoding) {
        return unavailable;
    }

    @Override
    public Speech open(Request request) {
        requests.add(request);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        int bytesPerCharacter = request.encoding() == Encoding.PCM_S16LE ? 200 : 100;
        return new ScriptedSpeech(request.text().length() * bytesPerCharacter / 2, request.text().contains(failOn),
                request.text().contains(stallOn));
    }

    private final class ScriptedSpeech implements Speech {

        private final CountDownLatch closed = new CountDownLatch(1);
        private final int pieceSize;
        private final boolean fails;
        private final boolean stalls;
        private volatile int pieces;

        ScriptedSpeech(int pieceSize, boolean fails, boolean stalls) {
            this.pieceSize = pieceSize;
            this.fails = fails;
            this.stalls = stalls;
        }

        @Override
        public String provider() {
            return PROVIDER;
        }

        @Override
        public int sampleRate() {
            return SAMPLE_RATE;
        }

        @Override
        public Optional<byte[]> read() {
            failIfClosed();
            if (pieces == 1 && stalls) {
                if (!await(STALL_LIMIT)) {
                    throw new SpeechException(SpeechException.Code.TIMEOUT, "the scripted engine stalled for " + STALL_LIMIT);
                }
                failIfClosed();
            }
            if (pieces == 1 && fails) {
                throw new SpeechException(SpeechException.Code.ENGINE_FAILED, "the scripted engine broke");
            }
            if (pieces == 2) {
                return Optional.empty();
            }
            await(delay);
            failIfClosed();
            pieces++;
            return Optional.of(new byte[pieceSize]);
        }

        private void failIfClosed() {
            if (closed.getCount() == 0) {
                throw new SpeechException(SpeechException.Code.CANCELLED, "the speech was closed");
            }
        }

        /** Waits until closed or the time is up; whether it was closed. */
        private boolean await(Duration time) {
            try {
                return closed.await(time.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return closed.getCount() == 0;
            }
        }

        @Override
        public synchronized void close() {
            if (closed.getCount() == 1) {
                if (pieces < 2) {
                    closedEarly.incrementAndGet();
                }
                running.decrementAndGet();
                closed.countDown();
            }
        }
    }
}
