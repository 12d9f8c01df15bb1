package io.llmstream.core.usecase;

import io.llmstream.core.internal.ChunkCoalescer;
import io.llmstream.core.internal.DeltaSource;
import io.llmstream.core.internal.UsedPassages;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamLogException;
import io.llmstream.core.port.StreamingObserver.Ending;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * One running stream, from its start to its final event: generates the answer on its own thread into the
 * stream's {@link StreamEventLog} (steps 4 to 7), and takes the commands that act on it from any thread:
 * stop, pause, resume, and its subscribers coming and going (the last one leaving starts the detach grace).
 *
 * <p>Every event is appended under one lock that also guards the pause state, so ids stay consecutive
 * whichever thread appends (the generating thread its chunks, a control thread {@code paused}/{@code resumed}).
 * While paused, the text the upstream sends is held back here, at most {@code pauseBufferEvents} pieces; then
 * the generating thread stops reading the upstream until it is resumed or stopped.
 *
 * <p><b>Write-through.</b> A stream with one subscriber that has read everything (the usual case: the client
 * that started it) need not hand every event over to that subscriber's thread: the subscriber registers as
 * {@link Direct}, and whichever thread appended an event pushes it to it right after, outside the lock. A second
 * subscriber ends that ({@link Direct#demoted}); both then read the log on their own threads.
 */
final class StreamRun implements ActiveStreams.Stoppable {

    /** The one caught-up subscriber that appending threads push events to. */
    interface Direct {

        /**
         * Events were appended, {@code latest} the newest of them: deliver what the subscriber has not had yet, now,
         * on the calling thread (from {@code latest} itself when it is the next one, else from the log).
         */
        void pushed(StreamEvent latest);

        /** Nothing is pushed any more (another subscriber came): read the log on your own thread again. */
        void demoted();
    }

    private static final System.Logger LOG = System.getLogger(StreamRun.class.getName());

    /** Why a stream was ended from outside its upstream, and the status it ends with. */
    private record Stop(ErrorCode code, String message, StreamStatus status) {
    }

    private final AnswerPipeline pipeline;
    private final AnswerRequest request;
    private final StreamInfo started;
    private final StreamEventLog log;
    private final StreamingSettings settings;
    private final CompletableFuture<Message> answered = new CompletableFuture<>();
    private final StringBuilder answer = new StringBuilder();
    private final long startNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition unpaused = lock.newCondition();
    private final List<String> held = new ArrayList<>();
    private long lastEventId;
    private int sentLength;
    private boolean paused;
    private boolean ended;
    private ScheduledFuture<?> pauseLimit;
    private int subscribers;
    private ScheduledFuture<?> detach;
    private volatile Direct direct; // written holding the monitor and the lock; appending threads read it
    private volatile StreamEvent lastAppended; // what a push starts from, without reading the log
    private volatile StreamStatus status = StreamStatus.RUNNING;
    private volatile Stop stop;
    private volatile LlmStream.Completion completion;

    StreamRun(AnswerPipeline pipeline, AnswerRequest request, StreamInfo started) {
        this.pipeline = pipeline;
        this.request = request;
        this.started = started;
        this.log = pipeline.log();
        this.settings = pipeline.settings();
    }

    /** The stream as it started: ids, owner, dialogue (these never change). */
    StreamInfo started() {
        return started;
    }

    /** The stream now: its status and newest event id. */
    StreamInfo info() {
        return started.withStatus(status).withLastEventId(lastEventIdNow());
    }

    /** Completes with the answer as stored, once the final event is in the log. */
    CompletableFuture<Message> answered() {
        return answered;
    }

    StreamStatus status() {
        return status;
    }

    synchronized int subscribers() {
        return subscribers;
    }

    // ---- commands, from any thread ----

    @Override
    public void stop(ErrorCode code, String message) {
        stopWith(new Stop(code, message, StreamStatus.INTERRUPTED));
    }

    /** A user's stop: the answer so far is stored as stopped and every subscriber gets its {@code done}. */
    void stopByUser() {
        stopWith(new Stop(ErrorCode.Stream.STOPPED, "stopped by the user", StreamStatus.STOPPED));
    }

    /** @return false when the stream has already ended */
    boolean pause() {
        lock.lock();
        try {
            if (ended || stop != null) {
                return false;
            }
            if (!paused) {
                append(new StreamEvent.Paused(++lastEventId, request.dialogue()));
                paused = true;
                setStatus(StreamStatus.PAUSED);
                Duration max = settings.pauseMax();
                pauseLimit = max.isZero() ? null : pipeline.timer().schedule(this::pauseTimedOut, max.toNanos(), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
        push();
        return true;
    }

    /** @return false when the stream has already ended */
    boolean resume() {
        lock.lock();
        try {
            if (ended || stop != null) {
                return false;
            }
            if (paused) {
                if (pauseLimit != null) {
                    pauseLimit.cancel(false);
                }
                append(new StreamEvent.Resumed(++lastEventId, request.dialogue()));
                paused = false;
                setStatus(StreamStatus.RUNNING);
                for (String text : held) {
                    appendChunk(text);
                }
                held.clear();
                unpaused.signalAll();
            }
        } finally {
            lock.unlock();
        }
        push();
        return true;
    }

    synchronized void subscribed() {
        subscribers++;
        if (detach != null) {
            detach.cancel(false);
            detach = null;
        }
        Direct alone = direct;
        if (alone != null) {
            direct = null; // a volatile write seen by the next append: nothing is pushed after this one
            alone.demoted();
        }
    }

    /**
     * Registers the only subscriber for pushed events, if it has read every event so far ({@code afterId} is the
     * newest id) and the stream still runs.
     *
     * @return whether events appended from now on are pushed to it
     */
    synchronized boolean pushTo(Direct subscriber, long afterId) {
        if (subscribers != 1 || direct != null) {
            return false;
        }
        lock.lock();
        try {
            if (ended || lastEventId != afterId) {
                return false;
            }
            direct = subscriber;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The subscriber no longer takes pushed events (it left, or read the final event). */
    synchronized void stopPushing(Direct subscriber) {
        if (direct == subscriber) {
            direct = null;
        }
    }

    /** After appending, outside the lock: the registered subscriber delivers what it has not had yet. */
    private void push() {
        Direct to = direct;
        StreamEvent latest = lastAppended;
        if (to != null && latest != null) {
            to.pushed(latest);
        }
    }

    synchronized void unsubscribed() {
        subscribers--;
        if (subscribers > 0 || status.isFinal()) {
            return;
        }
        Duration grace = settings.detachGrace();
        if (grace.isZero()) {
            detached();
        } else {
            detach = pipeline.timer().schedule(this::detachedIfAlone, grace.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void detachedIfAlone() {
        if (subscribers == 0) {
            detached();
        }
    }

    private void detached() {
        stopWith(new Stop(ErrorCode.Stream.CLIENT_GONE, "every client left and none came back", StreamStatus.INTERRUPTED));
    }

    private void pauseTimedOut() {
        stopWith(new Stop(ErrorCode.Stream.PAUSE_TIMEOUT, "the stream stayed paused longer than " + settings.pauseMax().toSeconds()
                + " s", StreamStatus.STOPPED));
    }

    private void stopWith(Stop reason) {
        lock.lock();
        try {
            if (stop == null && !ended) {
                stop = reason;
            }
            unpaused.signalAll();
        } finally {
            lock.unlock();
        }
        LlmStream.Completion open = completion;
        if (open != null) {
            open.close();
        }
    }

    // ---- the generating thread ----

    /** Steps 3 to 7 (the question is already stored); runs on the stream's own thread. */
    void run() {
        Message saved = null;
        try {
            List<Citation> citations = pipeline.retrieveContext(request);
            saved = stream(pipeline.buildPrompt(request, citations), citations);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "stream " + started.streamId() + " failed unexpectedly", e);
        } finally {
            pipeline.ended(this);
            if (saved != null) {
                answered.complete(saved);
            } else {
                answered.completeExceptionally(new IllegalStateException("stream " + started.streamId() + " ended without an answer"));
            }
        }
    }

    private Message stream(CompletionRequest prompt, List<Citation> citations) {
        String provider = prompt.provider().orElse("");
        String model = prompt.model().orElse("");
        if (stop != null) {
            return stopped(citations, provider, model); // stopped during retrieval
        }
        ScheduledFuture<?> deadline = scheduleDurationLimit();
        try {
            LlmStream.Completion opened = openLlmStream(prompt);
            provider = opened.provider();
            model = opened.model();
            try (opened) {
                Optional<LlmEvent.Finished> finished = emitChunks(opened);
                if (finished.isEmpty() || stop != null) {
                    return stopped(citations, provider, model);
                }
                return completed(citations, provider, model, finished.get().usage());
            }
        } catch (LlmException e) {
            return stop != null ? stopped(citations, provider, model) : failed(e.code(), e.getMessage(), e, provider, model);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWith(new Stop(ErrorCode.Stream.SHUTDOWN, "the stream was interrupted", StreamStatus.INTERRUPTED));
            return stopped(citations, provider, model);
        } catch (StreamLogException e) { // the shared log (Redis) is unreachable: store the text so far as interrupted
            LOG.log(Level.WARNING, "stream " + started.streamId() + " cannot reach its log: " + e.getMessage());
            stopWith(new Stop(ErrorCode.Stream.ENGINE_UNAVAILABLE, "the stream engine is unavailable", StreamStatus.INTERRUPTED));
            return stopped(citations, provider, model);
        } catch (RuntimeException e) {
            return stop != null ? stopped(citations, provider, model)
                    : failed(ErrorCode.Stream.INTERNAL, "internal error while streaming the answer", e, provider, model);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    private ScheduledFuture<?> scheduleDurationLimit() {
        Duration max = settings.maxStreamDuration();
        if (max.isZero()) {
            return null;
        }
        return pipeline.timer().schedule(() -> stop(ErrorCode.Stream.LIMIT_DURATION,
                "the stream exceeded its maximum duration of " + max.toSeconds() + " s"), max.toNanos(), TimeUnit.NANOSECONDS);
    }

    private LlmStream.Completion openLlmStream(CompletionRequest prompt) {
        LlmStream.Completion opened = pipeline.llm().open(prompt);
        completion = opened;
        if (stop != null) {
            opened.close(); // stopped while connecting
        }
        return opened;
    }

    /** Pulls the completion until it finishes or the stream is stopped; returns the finish, or empty when stopped. */
    private Optional<LlmEvent.Finished> emitChunks(LlmStream.Completion opened) throws InterruptedException {
        ChunkCoalescer chunks = new ChunkCoalescer(settings.chunkSize());
        boolean timed = settings.chunkSize() > 1 && !settings.maxChunkDelay().isZero();
        DeltaSource source = timed
                ? DeltaSource.pumped(opened, "llm-reader-" + started.streamId())
                : DeltaSource.direct(opened);
        long maxDelay = settings.maxChunkDelay().toNanos();
        while (stop == null) {
            long wait = chunks.hasPending() ? Math.max(0, chunks.pendingSinceNanos() + maxDelay - System.nanoTime()) : -1;
            Optional<LlmEvent> next = source.poll(wait);
            if (next.isEmpty()) {
                emitChunk(chunks.flushDue(System.nanoTime()));
                continue;
            }
            switch (next.get()) {
                case LlmEvent.TextDelta delta -> {
                    answer.append(delta.text());
                    emitChunk(chunks.add(delta.text(), System.nanoTime()));
                    checkAnswerLength();
                    awaitRoomWhilePaused();
                }
                case LlmEvent.ReasoningDelta reasoning -> LOG.log(Level.TRACE, "reasoning delta of {0} characters",
                        reasoning.text().length());
                case LlmEvent.Finished finished -> {
                    emitChunk(chunks.flushAll());
                    return Optional.of(finished);
                }
            }
        }
        return Optional.empty();
    }

    private void checkAnswerLength() {
        int max = settings.maxAnswerChars();
        if (max > 0 && answer.length() > max) {
            stop(ErrorCode.Stream.LIMIT_ANSWER_LENGTH, "the answer exceeded its maximum length of " + max + " characters");
        }
    }

    /** Backpressure: with a full pause buffer, the upstream is not read until resume or stop. */
    private void awaitRoomWhilePaused() throws InterruptedException {
        lock.lock();
        try {
            while (paused && stop == null && held.size() >= settings.pauseBufferEvents()) {
                unpaused.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void emitChunk(Optional<String> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        String text = chunk.get();
        boolean first;
        lock.lock();
        try {
            if (stop != null) {
                return;
            }
            if (paused) {
                held.add(text);
                return;
            }
            first = sentLength == 0;
            appendChunk(text);
        } finally {
            lock.unlock();
        }
        push();
        if (first) {
            Duration sinceStart = Duration.ofNanos(System.nanoTime() - startNanos);
            pipeline.observe(o -> o.firstChunk(request.dialogue().kind(), sinceStart));
        }
        pipeline.observe(o -> o.chunkSent(text.length()));
    }

    private Message completed(List<Citation> retrieved, String provider, String model, Optional<TokenUsage> usage) {
        List<Citation> used = used(retrieved);
        Message saved = persistAnswer(StreamStatus.COMPLETE, used, provider, model, usage, Optional.empty());
        end(StreamStatus.COMPLETE, id -> new StreamEvent.Done(id, request.dialogue(), saved.content(), used, retrieved, saved.id(),
                usage, provider, model, started.streamId(), StreamStatus.COMPLETE, Optional.empty()));
        pipeline.observe(o -> o.streamEnded(request.dialogue().kind(), Ending.COMPLETED, Optional.empty()));
        return saved;
    }

    /** The LLM failed: the text so far, one error event, the partial answer stored as failed. */
    private Message failed(ErrorCode code, String message, Exception cause, String provider, String model) {
        String wire = code.wireCode();
        if (code == ErrorCode.Stream.INTERNAL) {
            LOG.log(Level.ERROR, "stream " + started.streamId() + " of " + request.dialogue() + " failed", cause);
        } else {
            LOG.log(Level.WARNING, "LLM stream " + started.streamId() + " of " + request.dialogue() + " failed [" + wire + "]: " + message);
            pipeline.observe(o -> o.upstreamError(wire));
        }
        Message saved = persistAnswer(StreamStatus.FAILED, List.of(), provider, model, Optional.empty(), Optional.of(wire));
        end(StreamStatus.FAILED, id -> new StreamEvent.Error(id, request.dialogue(), wire, message));
        pipeline.observe(o -> o.streamEnded(request.dialogue().kind(), Ending.FAILED, Optional.of(wire)));
        return saved;
    }

    /** Ended from outside: stopped by a user (a {@code done} with the text so far) or interrupted (an {@code error}). */
    private Message stopped(List<Citation> retrieved, String provider, String model) {
        Stop reason = stop;
        Message saved;
        if (reason.status() == StreamStatus.STOPPED) {
            List<Citation> used = used(retrieved);
            saved = persistAnswer(StreamStatus.STOPPED, used, provider, model, Optional.empty(),
                    why(reason));
            Optional<String> why = why(reason);
            end(StreamStatus.STOPPED, id -> new StreamEvent.Done(id, request.dialogue(), saved.content(), used, retrieved,
                    saved.id(), Optional.empty(), provider, model, started.streamId(), StreamStatus.STOPPED, why));
            pipeline.observe(o -> o.streamEnded(request.dialogue().kind(), Ending.STOPPED, Optional.of(reason.code().wireCode())));
        } else {
            saved = persistAnswer(StreamStatus.INTERRUPTED, List.of(), provider, model, Optional.empty(), Optional.of(reason.code().wireCode()));
            end(StreamStatus.INTERRUPTED, id -> new StreamEvent.Error(id, request.dialogue(), reason.code().wireCode(), reason.message()));
            pipeline.observe(o -> o.streamEnded(request.dialogue().kind(), Ending.INTERRUPTED, Optional.of(reason.code().wireCode())));
        }
        LOG.log(Level.INFO, "stream " + started.streamId() + " of " + request.dialogue() + " " + reason.status().wireName()
                + " [" + reason.code().wireCode() + "] after " + answer.length() + " characters");
        return saved;
    }

    /** The passages the answer (so far) uses; read on the generating thread, which alone appends to the answer. */
    private List<Citation> used(List<Citation> retrieved) {
        return UsedPassages.of(answer.toString(), retrieved, request.message());
    }

    /** A stop's code for the message and the {@code done} event: none when the user stopped it. */
    private static Optional<String> why(Stop reason) {
        return reason.code() == ErrorCode.Stream.STOPPED ? Optional.empty() : Optional.of(reason.code().wireCode());
    }

    /** Never before the answer's start, even on a clock coarser than the microsecond the start was moved by. */
    private Instant finishedAt() {
        Instant now = pipeline.clock().instant();
        return now.isBefore(started.createdAt()) ? started.createdAt() : now;
    }

    private Message persistAnswer(StreamStatus ending, List<Citation> citations, String provider, String model,
            Optional<TokenUsage> usage, Optional<String> errorCode) {
        Message message = new Message(started.messageId(), request.dialogue(), MessageRole.ASSISTANT, answer.toString(),
                ending.messageStatus(), citations, Optional.of(provider), Optional.of(model), usage,
                errorCode, started.createdAt(), Optional.of(finishedAt()));
        pipeline.writer().submit(message);
        return message;
    }

    /**
     * Appends what was generated but not yet appended (held back by the coalescer or a pause), then the final
     * event, given the id it gets: every reader gets all of the stored text.
     */
    private void end(StreamStatus finalStatus, LongFunction<StreamEvent> last) {
        lock.lock();
        try {
            held.clear();
            if (sentLength < answer.length()) {
                appendChunk(answer.substring(sentLength));
            }
            setStatus(finalStatus);
            append(last.apply(++lastEventId));
            ended = true;
            paused = false;
            if (pauseLimit != null) {
                pauseLimit.cancel(false);
            }
            unpaused.signalAll();
        } finally {
            lock.unlock();
        }
        push();
        synchronized (this) {
            if (detach != null) {
                detach.cancel(false);
            }
        }
    }

    // ---- under the lock ----

    private void appendChunk(String text) {
        append(new StreamEvent.Chunk(++lastEventId, request.dialogue(), text));
        sentLength += text.length();
    }

    private void append(StreamEvent event) {
        log.append(started.streamId(), event);
        lastAppended = event;
    }

    private void setStatus(StreamStatus value) {
        status = value;
        log.status(started.streamId(), value);
    }

    private long lastEventIdNow() {
        lock.lock();
        try {
            return lastEventId;
        } finally {
            lock.unlock();
        }
    }
}
