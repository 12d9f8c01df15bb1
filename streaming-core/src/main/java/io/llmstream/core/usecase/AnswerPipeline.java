package io.llmstream.core.usecase;

import io.llmstream.core.internal.ChunkCoalescer;
import io.llmstream.core.internal.DeltaSource;
import io.llmstream.core.internal.PromptBuilder;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.ErrorCodes;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.core.port.StreamingObserver.Ending;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Steps 2 to 7 of a streamed answer, shared by every stream kind: persist the user message, retrieve
 * context, build the prompt, open the LLM stream, emit chunks, persist the answer, emit {@code done}.
 * Owns the failure policy; see {@code docs/architecture.md}.
 */
final class AnswerPipeline {

    private static final System.Logger LOG = System.getLogger(AnswerPipeline.class.getName());

    private final MessageStore store;
    private final ContextRetriever retriever;
    private final LlmStream llm;
    private final AsyncMessageWriter writer;
    private final ActiveStreams active;
    private final StreamingSettings settings;
    private final StreamingObserver observer;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    AnswerPipeline(MessageStore store, ContextRetriever retriever, LlmStream llm, AsyncMessageWriter writer,
            ActiveStreams active, StreamingSettings settings, StreamingObserver observer,
            ScheduledExecutorService timer, Clock clock) {
        this.store = store;
        this.retriever = retriever;
        this.llm = llm;
        this.writer = writer;
        this.active = active;
        this.settings = settings;
        this.observer = observer;
        this.timer = timer;
        this.clock = clock;
    }

    MessageStore store() {
        return store;
    }

    /** The earlier messages of a dialogue for the prompt; a store failure means no history, never a failed stream. */
    List<Message> history(DialogueRef dialogue) {
        if (settings.historyMaxMessages() == 0) {
            return List.of();
        }
        try {
            return store.recentMessages(dialogue, settings.historyMaxMessages());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading the history of " + dialogue + " failed; answering without it", e);
            observe(observer::writeFailed);
            return List.of();
        }
    }

    /** An unknown provider, checked before anything is persisted or sent. */
    Optional<StreamOutcome.Rejected> checkProvider(Optional<String> provider) {
        return Commands.unknownProvider(provider, llm.providers()).map(reason -> new StreamOutcome.Rejected("provider", reason));
    }

    StreamOutcome answer(AnswerRequest request, EventSink sink) {
        Run run = new Run(request, sink);
        sink.onClose(run::clientGone);
        active.add(run);
        observe(() -> observer.streamStarted(request.dialogue().kind()));
        try {
            persistUserMessage(request);
            List<Citation> citations = retrieveContext(request);
            CompletionRequest prompt = buildPrompt(request, citations);
            return run.stream(prompt, citations);
        } finally {
            active.remove(run);
        }
    }

    private void persistUserMessage(AnswerRequest request) {
        writer.submit(Message.user(UUID.randomUUID(), request.dialogue(), request.message(), clock.instant()));
    }

    private List<Citation> retrieveContext(AnswerRequest request) {
        if (request.search().isEmpty() || request.characterId().isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(retriever.retrieve(new RetrievalQuery(request.owner(), request.characterId().get(),
                    request.message(), request.search().get())));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "retrieval for " + request.dialogue() + " failed; answering without context", e);
            observe(observer::retrievalFailed);
            return List.of();
        }
    }

    private CompletionRequest buildPrompt(AnswerRequest request, List<Citation> citations) {
        List<PromptMessage> messages = new PromptBuilder(settings.historyMaxMessages(), settings.historyMaxChars())
                .build(request.systemPrompt(), citations, request.history(), request.message());
        return new CompletionRequest(request.provider(), request.model(), messages, request.parameters());
    }

    private static void observe(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "observer failed", e);
        }
    }

    /** Why a stream was stopped from outside the upstream: the client left, a limit, or shutdown. */
    private record Stop(String code, String message, boolean clientGone) {
    }

    /** One stream's state; its methods run on the streaming thread except {@link #stop}. */
    private final class Run implements ActiveStreams.Stoppable {

        private final AnswerRequest request;
        private final EventSink sink;
        private final UUID messageId = UUID.randomUUID();
        private final StringBuilder answer = new StringBuilder();
        private final long startNanos = System.nanoTime();
        private final Instant startedAt = clock.instant();
        private long lastEventId;
        private int sentLength;
        private boolean firstChunkSent;
        private volatile Stop stop;
        private volatile LlmStream.Completion completion;

        Run(AnswerRequest request, EventSink sink) {
            this.request = request;
            this.sink = sink;
        }

        @Override
        public void stop(String code, String message) {
            stopWith(new Stop(code, message, false));
        }

        private void stopWith(Stop reason) {
            if (stop == null) {
                stop = reason;
            }
            LlmStream.Completion open = completion;
            if (open != null) {
                open.close();
            }
        }

        void clientGone() {
            stopWith(new Stop("client_gone", "the client disconnected", true));
        }

        StreamOutcome stream(CompletionRequest prompt, List<Citation> citations) {
            String provider = prompt.provider().orElse("");
            String model = prompt.model().orElse("");
            if (stop != null) {
                return stopped(provider, model); // the client left during retrieval
            }
            ScheduledFuture<?> deadline = scheduleDurationLimit();
            try {
                LlmStream.Completion opened = openLlmStream(prompt);
                provider = opened.provider();
                model = opened.model();
                try (opened) {
                    LlmEvent.Finished finished = emitChunks(opened);
                    if (stop != null) {
                        return stopped(provider, model);
                    }
                    Message saved = persistAnswer(MessageStatus.COMPLETE, citations, provider, model, finished.usage(), null);
                    emitDone(saved, citations, finished.usage(), provider, model);
                    observe(() -> observer.streamEnded(request.dialogue().kind(), Ending.COMPLETED, null));
                    return new StreamOutcome.Answered(saved);
                }
            } catch (LlmException e) {
                if (stop != null) {
                    return stopped(provider, model);
                }
                return failed(e.code().wireCode(), e.getMessage(), e, provider, model);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopWith(new Stop(ErrorCodes.SHUTDOWN, "the stream was interrupted", false));
                return stopped(provider, model);
            } catch (RuntimeException e) {
                if (stop != null) {
                    return stopped(provider, model);
                }
                return failed(ErrorCodes.INTERNAL, "internal error while streaming the answer", e, provider, model);
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
            return timer.schedule(() -> stop(ErrorCodes.LIMIT_DURATION,
                    "the stream exceeded its maximum duration of " + max.toSeconds() + " s"),
                    max.toNanos(), TimeUnit.NANOSECONDS);
        }

        private LlmStream.Completion openLlmStream(CompletionRequest prompt) {
            LlmStream.Completion opened = llm.open(prompt);
            completion = opened;
            if (stop != null) {
                opened.close(); // stopped while connecting
            }
            return opened;
        }

        /** Pulls the completion until it finishes or the stream is stopped; returns the finish (null when stopped). */
        private LlmEvent.Finished emitChunks(LlmStream.Completion opened) throws InterruptedException {
            ChunkCoalescer chunks = new ChunkCoalescer(settings.chunkSize());
            boolean timed = settings.chunkSize() > 1 && !settings.maxChunkDelay().isZero();
            DeltaSource source = timed
                    ? DeltaSource.pumped(opened, "llm-reader-" + request.dialogue().id())
                    : DeltaSource.direct(opened);
            long maxDelay = settings.maxChunkDelay().toNanos();
            while (stop == null) {
                long wait = chunks.hasPending() ? Math.max(0, chunks.pendingSinceNanos() + maxDelay - System.nanoTime()) : -1;
                LlmEvent event = source.poll(wait);
                if (event == null) {
                    emitChunk(chunks.flushDue(System.nanoTime()));
                    continue;
                }
                switch (event) {
                    case LlmEvent.TextDelta delta -> {
                        answer.append(delta.text());
                        emitChunk(chunks.add(delta.text(), System.nanoTime()));
                        checkAnswerLength();
                    }
                    case LlmEvent.ReasoningDelta reasoning -> LOG.log(Level.TRACE, "reasoning delta of {0} characters",
                            reasoning.text().length());
                    case LlmEvent.Finished finished -> {
                        emitChunk(chunks.flushAll());
                        return finished;
                    }
                }
            }
            return null;
        }

        private void checkAnswerLength() {
            int max = settings.maxAnswerChars();
            if (max > 0 && answer.length() > max) {
                stop(ErrorCodes.LIMIT_ANSWER_LENGTH, "the answer exceeded its maximum length of " + max + " characters");
            }
        }

        private void emitChunk(String text) {
            if (text == null || stop != null) {
                return;
            }
            if (!send(new StreamEvent.Chunk(++lastEventId, request.dialogue(), text))) {
                clientGone();
                return;
            }
            sentLength += text.length();
            if (!firstChunkSent) {
                firstChunkSent = true;
                Duration sinceStart = Duration.ofNanos(System.nanoTime() - startNanos);
                observe(() -> observer.firstChunk(request.dialogue().kind(), sinceStart));
            }
            observe(() -> observer.chunkSent(text.length()));
        }

        private Message persistAnswer(MessageStatus status, List<Citation> citations, String provider, String model,
                Optional<TokenUsage> usage, String errorCode) {
            Message message = new Message(messageId, request.dialogue(), MessageRole.ASSISTANT, answer.toString(), status,
                    citations, Optional.of(provider), Optional.of(model), usage, Optional.ofNullable(errorCode),
                    startedAt, Optional.of(clock.instant()));
            writer.submit(message);
            return message;
        }

        private void emitDone(Message saved, List<Citation> citations, Optional<TokenUsage> usage, String provider,
                String model) {
            send(new StreamEvent.Done(++lastEventId, request.dialogue(), saved.content(), citations, saved.id(), usage,
                    provider, model));
        }

        /** The LLM failed: send what is pending, one error event, persist the partial answer as failed. */
        private StreamOutcome failed(String code, String message, Exception cause, String provider, String model) {
            if (ErrorCodes.INTERNAL.equals(code)) {
                LOG.log(Level.ERROR, "stream of " + request.dialogue() + " failed", cause);
            } else {
                LOG.log(Level.WARNING, "LLM stream of " + request.dialogue() + " failed [" + code + "]: " + message);
                observe(() -> observer.upstreamError(code));
            }
            Message saved = persistAnswer(MessageStatus.FAILED, List.of(), provider, model, Optional.empty(), code);
            sendUnsent();
            send(new StreamEvent.Error(++lastEventId, request.dialogue(), code, message));
            observe(() -> observer.streamEnded(request.dialogue().kind(), Ending.FAILED, code));
            return new StreamOutcome.Answered(saved);
        }

        /** Stopped from outside: persist as interrupted; tell the client why unless it is the one who left. */
        private StreamOutcome stopped(String provider, String model) {
            Stop reason = stop;
            Message saved = persistAnswer(MessageStatus.INTERRUPTED, List.of(), provider, model, Optional.empty(), reason.code());
            if (!reason.clientGone()) {
                sendUnsent();
                send(new StreamEvent.Error(++lastEventId, request.dialogue(), reason.code(), reason.message()));
            }
            LOG.log(Level.INFO, "stream of " + request.dialogue() + " interrupted [" + reason.code() + "] after "
                    + answer.length() + " characters");
            observe(() -> observer.streamEnded(request.dialogue().kind(), Ending.INTERRUPTED, reason.code()));
            return new StreamOutcome.Answered(saved);
        }

        /** Text already generated but held back by the coalescer, so the client has all of the persisted text. */
        private void sendUnsent() {
            if (sentLength < answer.length()) {
                String rest = answer.substring(sentLength);
                if (send(new StreamEvent.Chunk(++lastEventId, request.dialogue(), rest))) {
                    sentLength = answer.length();
                }
            }
        }

        private boolean send(StreamEvent event) {
            try {
                return sink.send(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event sink of " + request.dialogue() + " failed; treating the client as gone", e);
                return false;
            }
        }
    }
}
