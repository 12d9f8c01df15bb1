package io.llmstream.core.usecase;

import io.llmstream.core.internal.WavHeader;
import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import io.llmstream.core.port.SpeechSynthesizer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Speaks the sentences of one answer in order: a coordinator thread starts up to {@code lookahead}
 * syntheses at once (one virtual thread each), streams the audio of the oldest to the {@link AudioSink}
 * as it arrives and buffers the others until their turn. The first failure ends the audio.
 */
final class SpeechPipeline {

    private static final System.Logger LOG = System.getLogger(SpeechPipeline.class.getName());

    private final SpeechSynthesizer synthesizer;
    private final SpeechSynthesizer.Voice voice;
    private final AudioFormat format;
    private final AudioSink sink;
    private final int lookahead;
    private final String name;
    private final BlockingQueue<Optional<String>> sentences = new LinkedBlockingQueue<>();
    private final ArrayDeque<Job> inFlight = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Held while calling the sink, so a failure never overtakes or interleaves with audio. */
    private final Object sinkLock = new Object();
    private volatile boolean cancelled;
    private volatile boolean failed;
    private Thread coordinator;
    private long seq;
    private int sampleRate;

    SpeechPipeline(SpeechSynthesizer synthesizer, SpeechSynthesizer.Voice voice, AudioFormat format, AudioSink sink,
            int lookahead, String name) {
        this.synthesizer = synthesizer;
        this.voice = voice;
        this.format = format;
        this.sink = sink;
        this.lookahead = lookahead;
        this.name = name;
    }

    /** Queues a sentence; starts the coordinator with the first one. Called by the streaming thread. */
    synchronized void say(String sentence) {
        if (cancelled || failed) {
            return;
        }
        sentences.add(Optional.of(sentence));
        if (coordinator == null) {
            coordinator = Thread.ofVirtual().name("tts-" + name).start(this::run);
        }
    }

    /**
     * No more sentences: waits until their audio is delivered, the audio failed or was cancelled.
     *
     * @return whether every sentence's audio was delivered
     */
    boolean finish(Duration timeout) throws InterruptedException {
        synchronized (this) {
            if (coordinator == null) {
                return !cancelled && !failed;
            }
            sentences.add(Optional.empty());
        }
        if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            fail(new SpeechException(SpeechException.Code.TIMEOUT,
                    "the audio was not complete " + timeout.toSeconds() + " s after the text"));
            cancel();
            return false;
        }
        return !cancelled && !failed;
    }

    /** Stops synthesising at once, from any thread; nothing more is sent to the sink. */
    void cancel() {
        Thread running;
        synchronized (this) {
            cancelled = true;
            running = coordinator;
        }
        if (running != null) {
            running.interrupt();
        }
    }

    boolean failed() {
        return failed;
    }

    private void run() {
        try {
            boolean lastQueued = false;
            while (!cancelled && !failed) {
                lastQueued = dispatch(lastQueued);
                if (inFlight.isEmpty()) {
                    if (lastQueued) {
                        return;
                    }
                    continue;
                }
                Job head = inFlight.peek();
                boolean room = !lastQueued && inFlight.size() < lookahead;
                Piece piece = room ? head.pieces.poll(20, TimeUnit.MILLISECONDS) : head.pieces.take();
                if (piece != null) {
                    handle(head, piece);
                }
            }
        } catch (InterruptedException e) {
            cancelled = true;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "speaking the answer of " + name + " failed", e);
            fail(new SpeechException(SpeechException.Code.ENGINE_FAILED, "internal error while speaking the answer", e));
        } finally {
            inFlight.forEach(Job::cancel);
            inFlight.clear();
            ended.countDown();
        }
    }

    /** Starts syntheses while there is room; @return whether the end of the sentences was reached. */
    private boolean dispatch(boolean lastQueued) throws InterruptedException {
        while (!lastQueued && inFlight.size() < lookahead) {
            Optional<String> next = inFlight.isEmpty() ? sentences.take() : sentences.poll();
            if (next == null) {
                break;
            }
            if (next.isEmpty()) {
                return true;
            }
            Job job = new Job(next.get());
            inFlight.add(job);
            Thread.ofVirtual().name("tts-" + name + "-" + inFlight.size()).start(job::run);
        }
        return lastQueued;
    }

    private void handle(Job head, Piece piece) {
        switch (piece) {
            case Piece.Audio audio -> deliver(audio);
            case Piece.End end -> inFlight.poll();
            case Piece.Failed failure -> fail(failure.error());
        }
    }

    private void deliver(Piece.Audio audio) {
        byte[] data = audio.data();
        if (format == AudioFormat.WAV) {
            if (sampleRate == 0) {
                sampleRate = audio.sampleRate();
                data = concat(WavHeader.streaming(sampleRate), data);
            } else if (sampleRate != audio.sampleRate()) {
                fail(new SpeechException(SpeechException.Code.MALFORMED_AUDIO, "the voice changed its sample rate from "
                        + sampleRate + " to " + audio.sampleRate() + " Hz within one answer"));
                return;
            }
        }
        synchronized (sinkLock) {
            if (failed || cancelled) {
                return;
            }
            if (!sink.audio(new AudioChunk(++seq, format, data))) {
                LOG.log(Level.DEBUG, "the client of " + name + " left; stopping the synthesis");
                cancelled = true;
            }
        }
    }

    private void fail(SpeechException error) {
        synchronized (sinkLock) {
            if (failed || cancelled) {
                return;
            }
            LOG.log(Level.WARNING, "speech of " + name + " failed [" + error.code().wireCode() + "]: " + error.getMessage());
            try {
                sink.audioFailed(error.code().wireCode(), error.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reporting the speech failure of " + name + " failed", e);
            } finally {
                // only now: whoever sees the failure (the subscriber ending its follow) must find the sink told
                failed = true;
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** What a synthesis thread hands to the coordinator. */
    private sealed interface Piece {
        record Audio(byte[] data, int sampleRate) implements Piece {
        }

        record End() implements Piece {
        }

        record Failed(SpeechException error) implements Piece {
        }
    }

    /** One sentence being synthesised; its audio waits in {@code pieces} until it is the oldest. */
    private final class Job {
        private final String text;
        private final BlockingQueue<Piece> pieces = new LinkedBlockingQueue<>();
        private volatile Speech speech;
        private volatile boolean stopped;

        Job(String text) {
            this.text = text;
        }

        void run() {
            Encoding encoding = format == AudioFormat.MP3 ? Encoding.MP3 : Encoding.PCM_S16LE;
            try (Speech opened = synthesizer.open(new SpeechSynthesizer.Request(voice, text, encoding))) {
                speech = opened;
                if (stopped) {
                    return;
                }
                Optional<byte[]> data;
                while (!stopped && (data = opened.read()).isPresent()) {
                    pieces.add(new Piece.Audio(data.get(), opened.sampleRate()));
                }
                pieces.add(new Piece.End());
            } catch (SpeechException e) {
                pieces.add(new Piece.Failed(e));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the synthesizer failed unexpectedly", e);
                pieces.add(new Piece.Failed(new SpeechException(SpeechException.Code.ENGINE_FAILED,
                        "internal error of the text-to-speech provider", e)));
            }
        }

        void cancel() {
            stopped = true;
            Speech open = speech;
            if (open != null) {
                open.close();
            }
        }
    }
}
