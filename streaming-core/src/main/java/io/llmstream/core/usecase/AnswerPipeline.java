package io.llmstream.core.usecase;

import io.llmstream.core.internal.PromptBuilder;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.LlmStream;
import io.llmstream.core.port.StoreException;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.core.port.in.Commands;
import io.llmstream.core.port.in.StreamOutcome;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Steps 2 to 7 of a streamed answer, shared by every stream kind: persist the user message, retrieve
 * context, build the prompt, then a {@link StreamRun} opens the LLM stream, appends chunks to the stream's log,
 * persists the answer and appends {@code done}. Owns the failure policy; see {@code docs/architecture.md}.
 */
final class AnswerPipeline {

    private static final System.Logger LOG = System.getLogger(AnswerPipeline.class.getName());

    private final Dialogues dialogues;
    private final ContextRetriever retriever;
    private final LlmStream llm;
    private final AsyncMessageWriter writer;
    private final ActiveStreams active;
    private final StreamAdmission admission;
    private final StreamEventLog log;
    private final StreamingSettings settings;
    private final StreamingObserver observer;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    AnswerPipeline(Dialogues dialogues, ContextRetriever retriever, LlmStream llm, AsyncMessageWriter writer,
            ActiveStreams active, StreamAdmission admission, StreamEventLog log, StreamingSettings settings, StreamingObserver observer,
            ScheduledExecutorService timer, Clock clock) {
        this.log = log;
        this.dialogues = dialogues;
        this.retriever = retriever;
        this.llm = llm;
        this.writer = writer;
        this.active = active;
        this.admission = admission;
        this.settings = settings;
        this.observer = observer;
        this.timer = timer;
        this.clock = clock;
    }

    /** Where step 1 finds the dialogue a message is for. */
    Dialogues dialogues() {
        return dialogues;
    }

    /** As {@link #start(DialogueRead, Function, Function)} with nothing to refuse in the dialogue itself. */
    <D> StreamOutcome start(DialogueRead<D> read, Function<WithHistory<D>, AnswerRequest> request) {
        return start(read, dialogue -> Optional.empty(), request);
    }

    /**
     * Step 1, then steps 2 to 7 on a thread of their own: reads the dialogue with its history in one read, builds
     * the answer's {@code request} from it and starts it; returns at once. Refused, with nothing sent or persisted:
     * a store that cannot be read ({@code Unavailable}), no such dialogue of the owner ({@code NotFound}), what
     * {@code refusal} says of the dialogue read, an unknown provider ({@code Rejected}), a dialogue already answering
     * ({@code Busy}).
     */
    <D> StreamOutcome start(DialogueRead<D> read, Function<D, Optional<StreamOutcome>> refusal,
            Function<WithHistory<D>, AnswerRequest> request) {
        Optional<WithHistory<D>> found;
        try {
            found = withHistory(read);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading " + read + " failed", e);
            return new StreamOutcome.Unavailable("the " + read.kind() + " could not be loaded; try again later");
        }
        if (found.isEmpty()) {
            return new StreamOutcome.NotFound(capitalised(read.kind()) + " '" + read.id() + "' not found");
        }
        Optional<StreamOutcome> refused = refusal.apply(found.get().dialogue());
        if (refused.isPresent()) {
            return refused.get();
        }
        AnswerRequest answer = request.apply(found.get());
        Optional<StreamOutcome.Rejected> rejected = checkProvider(answer.provider());
        if (rejected.isPresent()) {
            return rejected.get();
        }
        return start(answer);
    }

    /**
     * Step 1's one read: the dialogue with its last messages for the prompt. A {@link StoreException} fails it, as the
     * dialogue could not be read either; any other failure is a history that cannot be read (a stored message the
     * adapter cannot map): then the dialogue alone, without history, because a history failure never fails a stream.
     */
    private <D> Optional<WithHistory<D>> withHistory(DialogueRead<D> read) {
        try {
            return read.withHistory().apply(settings.historyMaxMessages());
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading the history of " + read + " failed; answering without it", e);
            observe(StreamingObserver::writeFailed);
            return read.alone().get().map(dialogue -> new WithHistory<>(dialogue, List.of()));
        }
    }

    /** An unknown provider, checked before anything is persisted or sent. */
    private Optional<StreamOutcome.Rejected> checkProvider(Optional<String> provider) {
        return Commands.unknownProvider(provider, llm.providers()).map(reason -> new StreamOutcome.Rejected("provider", reason));
    }

    private static String capitalised(String kind) {
        return kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1);
    }

    /**
     * Steps 2 to 7 on a thread of their own: registers the stream (unless its dialogue has one running), opens
     * its log and starts generating; returns at once.
     */
    private StreamOutcome start(AnswerRequest request) {
        Instant received = clock.instant();
        Instant createdAt = received.plusNanos(1_000); // the question is stored as earlier than its answer
        StreamInfo info = new StreamInfo(UUID.randomUUID(), request.owner(), request.dialogue(), UUID.randomUUID(),
                StreamStatus.RUNNING, 0, createdAt);
        StreamRun run = new StreamRun(this, request, info);
        Optional<UUID> busy;
        try {
            busy = claimTurn(run);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "starting a stream of " + request.dialogue() + " failed", e);
            return new StreamOutcome.Unavailable("the stream could not be started; try again later");
        }
        if (busy.isPresent()) {
            return new StreamOutcome.Busy(busy.get(), "an answer is already streaming in this "
                    + (request.dialogue().kind() == DialogueKind.CHAT ? "chat" : "conversation")
                    + " (stream " + busy.get() + "); stop it or wait for it to end");
        }
        try {
            log.open(info);
        } catch (RuntimeException e) {
            ended(run);
            LOG.log(Level.ERROR, "opening the log of a stream of " + request.dialogue() + " failed", e);
            return new StreamOutcome.Unavailable("the stream could not be started; try again later");
        }
        writer.submit(Message.user(UUID.randomUUID(), request.dialogue(), request.message(), received));
        observe(o -> o.streamStarted(request.dialogue().kind()));
        Thread.ofVirtual().name("stream-" + info.streamId()).start(run::run);
        return new StreamOutcome.Started(info, run.answered());
    }

    /**
     * Registers the run in this process, then claims its dialogue's turn from the admission (every node's streams).
     *
     * @return the stream already answering in the dialogue, if one is (then nothing stays registered)
     */
    private Optional<UUID> claimTurn(StreamRun run) {
        Optional<StreamRun> here = active.addUnlessBusy(run);
        if (here.isPresent()) {
            return Optional.of(here.get().started().streamId());
        }
        Optional<UUID> elsewhere;
        try {
            elsewhere = admission.claimTurn(run.started().dialogue(), run.started().streamId());
        } catch (RuntimeException e) {
            active.remove(run);
            throw e;
        }
        elsewhere.ifPresent(other -> active.remove(run));
        return elsewhere;
    }

    /** The run has ended (or never started): it leaves this process's streams and gives its dialogue's turn back. */
    void ended(StreamRun run) {
        active.remove(run);
        try {
            admission.endTurn(run.started().dialogue(), run.started().streamId());
        } catch (RuntimeException e) {
            // the turn lapses with this node's lease
            LOG.log(Level.WARNING, "giving back the turn of " + run.started().dialogue() + " failed: " + e.getMessage());
        }
    }

    List<Citation> retrieveContext(AnswerRequest request) {
        if (request.search().isEmpty() || request.characterId().isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(retriever.retrieve(new RetrievalQuery(request.owner(), request.characterId().get(),
                    request.message(), request.search().get())));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "retrieval for " + request.dialogue() + " failed; answering without context", e);
            observe(StreamingObserver::retrievalFailed);
            return List.of();
        }
    }

    CompletionRequest buildPrompt(AnswerRequest request, List<Citation> citations) {
        List<PromptMessage> messages = new PromptBuilder(settings.historyMaxMessages(), settings.historyMaxChars())
                .build(request.systemPrompt(), citations, request.history(), request.message());
        return new CompletionRequest(request.provider(), request.model(), messages, request.parameters());
    }

    /** Reports to the observer; an observer's failure never reaches a stream. */
    void observe(Consumer<StreamingObserver> call) {
        try {
            call.accept(observer);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "observer failed", e);
        }
    }

    StreamEventLog log() {
        return log;
    }

    StreamingSettings settings() {
        return settings;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    LlmStream llm() {
        return llm;
    }

    AsyncMessageWriter writer() {
        return writer;
    }

    Clock clock() {
        return clock;
    }
}
