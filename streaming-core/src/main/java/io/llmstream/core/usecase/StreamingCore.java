package io.llmstream.core.usecase;

import io.llmstream.core.port.Characters;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.KnowledgeBase;
import io.llmstream.core.port.KnowledgeDocuments;
import io.llmstream.core.port.LlmStream;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamCommandRoute;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamLeases;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.core.port.in.AnswerConversationMessage;
import io.llmstream.core.port.in.ControlStream;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.ManageCharacters;
import io.llmstream.core.port.in.ManageChats;
import io.llmstream.core.port.in.ManageConversations;
import io.llmstream.core.port.in.ManageKnowledge;
import io.llmstream.core.port.in.StreamChatMessage;
import io.llmstream.core.port.in.StreamConversationAudio;
import io.llmstream.core.port.in.StreamConversationMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The core, wired: give it the outbound ports a use case needs, take the use cases (the interfaces of
 * {@code io.llmstream.core.port.in}). Plain chats need an {@link LlmStream}, {@link Dialogues} and a {@link MessageStore}
 * only (one store may be both):
 *
 * <pre>{@code
 * StreamingCore core = StreamingCore.builder().llm(llm).dialogues(store).messageStore(store).build();
 * core.streamChatMessage().execute(ChatMessageCommand.of("alice", chatId, "Hallo!"), sink);
 * }</pre>
 *
 * Characters, conversations and the knowledge base need more ports ({@link Builder#characters},
 * {@link Builder#knowledgeDocuments}, {@link Builder#knowledgeBase}); retrieval a
 * {@link Builder#retriever}; spoken answers a {@link Builder#speech}. Asking for a use case whose ports were not
 * given fails with an {@link IllegalStateException} naming them. Owns the asynchronous message writer and a
 * timer thread; {@link #close(Duration)} drains the writer and stops the timer.
 */
public final class StreamingCore implements AutoCloseable {

    private final AsyncMessageWriter writer;
    private final ActiveStreams activeStreams = new ActiveStreams();
    private final ScheduledExecutorService timer;
    private final StreamAdmission admission;
    private final StreamConversationMessageService streamConversationMessage;
    private final StreamChatMessage streamChatMessage;
    private final AnswerConversationMessage answerConversationMessage;
    private final StreamConversationAudio streamConversationAudio;
    private final FollowStreamService followStream;
    private final ControlStream controlStream;
    private final Optional<ManageCharacters> manageCharacters;
    private final Optional<ManageConversations> manageConversations;
    private final ManageChats manageChats;
    private final Optional<ManageKnowledge> manageKnowledge;

    private StreamingCore(Builder b) {
        this.writer = b.writer.orElseGet(() -> AsyncMessageWriter.withDefaults(b.messageStore, b.observer));
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("stream-limits").factory());
        StreamEventLog log = b.streamLog.orElseGet(InMemoryStreamEventLog::withDefaults);
        ContextRetriever retriever = b.retriever.orElse(query -> List.of());
        this.admission = b.admission.orElseGet(InMemoryStreamAdmission::new);
        AnswerPipeline pipeline = new AnswerPipeline(b.dialogues, retriever, b.llm, writer, activeStreams, admission,
                log, b.settings, b.observer, timer, b.clock);
        StreamCommandRoute route = b.commandRoute.orElseGet(StreamCommandRoute::inProcess);
        this.followStream = new FollowStreamService(log, activeStreams, route);
        this.controlStream = new ControlStreamService(log, activeStreams, route, admission);
        route.accept(new RoutedCommands(activeStreams));
        b.leases.ifPresent(leases -> leases.onLapse(new LostStreams(log, writer, b.clock)));
        this.streamConversationMessage = new StreamConversationMessageService(pipeline, followStream);
        this.streamChatMessage = new StreamChatMessageService(pipeline, followStream);
        this.answerConversationMessage = new AnswerConversationMessageService(streamConversationMessage);
        this.streamConversationAudio = new StreamConversationAudioService(streamConversationMessage, followStream, pipeline,
                b.speech, b.audioSettings);
        this.manageCharacters = b.characters.flatMap(characters -> b.knowledgeBase.map(index ->
                new ManageCharactersService(characters, index, b.llm::providers, b.clock)));
        this.manageConversations = b.characters.map(characters ->
                new ManageConversationsService(characters, b.dialogues, b.messageStore, b.clock));
        this.manageChats = new ManageChatsService(b.dialogues, b.llm::providers, b.clock);
        this.manageKnowledge = b.characters.flatMap(characters -> b.knowledgeDocuments.flatMap(documents -> b.knowledgeBase.map(index ->
                new ManageKnowledgeService(characters, documents, index, b.clock))));
    }

    public static Builder builder() {
        return new Builder();
    }

    public StreamConversationMessage streamConversationMessage() {
        return streamConversationMessage;
    }

    /** Answers spoken while generated; without {@link Builder#speech} it answers {@code StreamOutcome.Unavailable}. */
    public StreamConversationAudio streamConversationAudio() {
        return streamConversationAudio;
    }

    public StreamChatMessage streamChatMessage() {
        return streamChatMessage;
    }

    /** Subscribes a client to a stream's events, from an offset (resume) or from the start. */
    public FollowStream followStream() {
        return followStream;
    }

    /** Looks at a stream, stops, pauses and resumes it. */
    public ControlStream controlStream() {
        return controlStream;
    }

    public AnswerConversationMessage answerConversationMessage() {
        return answerConversationMessage;
    }

    /** Needs {@link Builder#characters} and {@link Builder#knowledgeBase}. */
    public ManageCharacters characters() {
        return manageCharacters.orElseThrow(() -> missing("characters", "characters(...) and knowledgeBase(...)"));
    }

    /** Needs {@link Builder#characters}. */
    public ManageConversations conversations() {
        return manageConversations.orElseThrow(() -> missing("conversations", "characters(...)"));
    }

    public ManageChats chats() {
        return manageChats;
    }

    /** Needs {@link Builder#characters}, {@link Builder#knowledgeDocuments} and {@link Builder#knowledgeBase}. */
    public ManageKnowledge knowledge() {
        return manageKnowledge.orElseThrow(() -> missing("knowledge", "characters(...), knowledgeDocuments(...) and knowledgeBase(...)"));
    }

    /** Whether this core was given what every use case needs (the server wants all of them). */
    public boolean complete() {
        return manageCharacters.isPresent() && manageConversations.isPresent()
                && manageKnowledge.isPresent();
    }

    public ActiveStreams activeStreams() {
        return activeStreams;
    }

    /** Which streams may start: the transports take a place under the stream caps from it before starting one. */
    public StreamAdmission streamAdmission() {
        return admission;
    }

    public AsyncMessageWriter writer() {
        return writer;
    }

    /**
     * Drains the message writer (at most {@code drainTimeout}) and stops the timer. Call it after the
     * running streams have ended (see {@link ActiveStreams}).
     *
     * @return whether every queued write was handled in time
     */
    public boolean close(Duration drainTimeout) {
        boolean drained = writer.close(drainTimeout);
        timer.shutdownNow();
        return drained;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private static IllegalStateException missing(String useCase, String ports) {
        return new IllegalStateException("the " + useCase + " use case needs " + ports + " on StreamingCore.builder()");
    }

    /** Collects the adapters; {@link #llm}, {@link #dialogues} and {@link #messageStore} are required, everything else is optional. */
    public static final class Builder {
        private LlmStream llm;
        private MessageStore messageStore;
        private Optional<ContextRetriever> retriever = Optional.empty();
        private Optional<Characters> characters = Optional.empty();
        private Dialogues dialogues;
        private Optional<KnowledgeDocuments> knowledgeDocuments = Optional.empty();
        private Optional<KnowledgeBase> knowledgeBase = Optional.empty();
        private StreamingSettings settings = StreamingSettings.defaults();
        private StreamingObserver observer = StreamingObserver.NONE;
        private Optional<AsyncMessageWriter> writer = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Optional<SpeechSynthesizer> speech = Optional.empty();
        private AudioSettings audioSettings = AudioSettings.defaults();
        private Optional<StreamEventLog> streamLog = Optional.empty();
        private Optional<StreamCommandRoute> commandRoute = Optional.empty();
        private Optional<StreamLeases> leases = Optional.empty();
        private Optional<StreamAdmission> admission = Optional.empty();

        private Builder() {
        }

        public Builder llm(LlmStream value) {
            this.llm = Objects.requireNonNull(value, "llm");
            return this;
        }

        public Builder messageStore(MessageStore value) {
            this.messageStore = Objects.requireNonNull(value, "messageStore");
            return this;
        }

        /** Retrieval for conversations with a {@code search_tool_config}; without it they are answered without context. */
        public Builder retriever(ContextRetriever value) {
            this.retriever = Optional.of(value);
            return this;
        }

        public Builder characters(Characters value) {
            this.characters = Optional.of(value);
            return this;
        }

        public Builder dialogues(Dialogues value) {
            this.dialogues = Objects.requireNonNull(value, "dialogues");
            return this;
        }

        public Builder knowledgeDocuments(KnowledgeDocuments value) {
            this.knowledgeDocuments = Optional.of(value);
            return this;
        }

        public Builder knowledgeBase(KnowledgeBase value) {
            this.knowledgeBase = Optional.of(value);
            return this;
        }

        public Builder settings(StreamingSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        public Builder observer(StreamingObserver value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /** A writer of one's own (sized differently); by default two lanes of 10,000 messages. */
        public Builder writer(AsyncMessageWriter value) {
            this.writer = Optional.of(value);
            return this;
        }

        /** Where streams' events go; by default {@link InMemoryStreamEventLog#withDefaults()} (one process). */
        public Builder streamLog(StreamEventLog value) {
            this.streamLog = Optional.of(value);
            return this;
        }

        /** Where stop, pause, resume and subscriptions go for streams generated on another node; default: in this process only. */
        public Builder commandRoute(StreamCommandRoute value) {
            this.commandRoute = Optional.of(value);
            return this;
        }

        /** Leases on the streams generated here, and the streams of lost nodes to end; default: none (one process). */
        public Builder leases(StreamLeases value) {
            this.leases = Optional.of(value);
            return this;
        }

        /** The stream caps and the one answer per dialogue, counted over every node; default {@link InMemoryStreamAdmission} (one process). */
        public Builder admission(StreamAdmission value) {
            this.admission = Optional.of(Objects.requireNonNull(value, "admission"));
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Text-to-speech for {@link StreamConversationAudio}; optional. */
        public Builder speech(SpeechSynthesizer synthesizer, AudioSettings settings) {
            this.speech = Optional.of(synthesizer);
            this.audioSettings = Objects.requireNonNull(settings, "audio settings");
            return this;
        }

        public StreamingCore build() {
            Objects.requireNonNull(llm, "StreamingCore needs llm(...)");
            Objects.requireNonNull(dialogues, "StreamingCore needs dialogues(...)");
            Objects.requireNonNull(messageStore, "StreamingCore needs messageStore(...)");
            return new StreamingCore(this);
        }
    }
}
