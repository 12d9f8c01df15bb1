package io.llmstream.adapter.tts;

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
 * A fake synthesizer: 100 samples of PCM (or 100 bytes of "MP3") per character, in two pieces with a
 * delay between them; fails on texts containing a marker, stalls until closed on another; records
 * requests, how many speeches ran at once, and closes.
 */
final class ScriptedSpeechSynthesizer implements SpeechSynthesizer {

    static final int SAMPLE_RATE = 16_000;

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile String failOn = "\u0000";
    private volatile String stallOn = "\u0000";
    private volatile Optional<String> unavailable = Optional.empty();

    ScriptedSpeechSynthesizer withDelay(Duration value) {
        this.delay = value;
        return this;
    }

    ScriptedSpeechSynthesizer failingOn(String marker) {
        this.failOn = marker;
        return this;
    }

    ScriptedSpeechSynthesizer stallingOn(String marker) {
        this.stallOn = marker;
        return this;
    }

    ScriptedSpeechSynthesizer unavailable(String reason) {
        this.unavailable = Optional.of(reason);
        return this;
    }

    List<String> texts() {
        return requests.stream().map(Request::text).toList();
    }

    int maxRunning() {
        return maxRunning.get();
    }

    int closedEarly() {
        return closedEarly.get();
    }

    @Override
    public Set<String> providers() {
        return Set.of("scripted");
    }

    @Override
    public Optional<String> unavailability(Voice voice, Encoding encoding) {
        return unavailable;
    }

    @Override
    public Speech open(Request request) {
        requests.add(request);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        return new Speech() {
            private final CountDownLatch closed = new CountDownLatch(1);
            private int piece;
            private boolean done;

            @Override
            public String provider() {
                return "scripted";
            }

            @Override
            public int sampleRate() {
                return SAMPLE_RATE;
            }

            @Override
            public Optional<byte[]> read() {
                if (request.text().contains(stallOn)) {
                    await(Duration.ofSeconds(30));
                }
                if (closed.getCount() == 0) {
                    throw new SpeechException(SpeechException.Code.CANCELLED, "closed");
                }
                if (request.text().contains(failOn)) {
                    throw new SpeechException(SpeechException.Code.ENGINE_FAILED, "the scripted engine broke");
                }
                if (piece == 2) {
                    return Optional.empty();
                }
                await(delay);
                piece++;
                return Optional.of(new byte[request.text().length() * 100]);
            }

            private void await(Duration time) {
                try {
                    closed.await(time.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {
                if (closed.getCount() == 1) {
                    if (piece < 2) {
                        closedEarly.incrementAndGet();
                    }
                    running.decrementAndGet();
                    closed.countDown();
                }
            }
        };
    }
}
