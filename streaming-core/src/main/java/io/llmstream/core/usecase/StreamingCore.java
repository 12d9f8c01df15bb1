package io.llmstream.core.usecase;

import io.llmstream.core.port.CharacterRepository;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.DialogueRepository;
import io.llmstream.core.port.DocumentRepository;
import io.llmstream.core.port.KnowledgeIndex;
import io.llmstream.core.port.LlmStream;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamingObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The core, wired: give it the adapters, take the use cases. Owns the asynchronous message writer and
 * a timer thread; {@link #close(Duration)} ends running streams' waiting writes and stops both.
 *
 * <pre>{@code
 * StreamingCore core = StreamingCore.builder()
 *         .llm(llm).messageStore(store).retriever(retriever)
 *         .characters(characters).dialogues(dialogues).documents(documents).knowledgeIndex(index)
 *         .settings(StreamingSettings.defaults())
 *         .build();
 * core.streamConversationMessage().execute(command, sink);
 * }</pre>
 */
public final class StreamingCore implements AutoCloseable {

    private final AsyncMessageWriter writer;
    private final ActiveStreams activeStreams = new ActiveStreams();
    private final ScheduledExecutorService timer;
    private final StreamConversationMessage streamConversationMessage;
    private final StreamChatMessage streamChatMessage;
    private final AnswerConversationMessage answerConversationMessage;
    private final ManageCharacters manageCharacters;
    private final ManageConversations manageConversations;
    private final ManageChats manageChats;
    private final ManageKnowledge manageKnowledge;
    private final StreamConversationAudio streamConversationAudio;
    private final FollowStream followStream;
    private final ControlStream controlStream;

    private StreamingCore(Builder b) {
        this.writer = b.writer != null ? b.writer : AsyncMessageWriter.withDefaults(b.messageStore, b.observer);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("stream-limits").factory());
        AnswerPipeline pipeline = new AnswerPipeline(b.messageStore, b.retriever, b.llm, writer, activeStreams,
                b.streamLog, b.settings, b.observer, timer, b.clock);
        this.followStream = new FollowStream(b.streamLog, activeStreams);
        this.controlStream = new ControlStream(b.streamLog, activeStreams);
        this.streamConversationMessage = new StreamConversationMessage(pipeline, followStream);
        this.streamChatMessage = new StreamChatMessage(pipeline, followStream);
        this.answerConversationMessage = new AnswerConversationMessage(streamConversationMessage);
        this.manageCharacters = new ManageCharacters(b.characters, b.knowledgeIndex, b.llm::providers, b.clock);
        this.manageConversations = new ManageConversations(b.characters, b.dialogues, b.messageStore, b.clock);
        this.manageChats = new ManageChats(b.dialogues, b.messageStore, b.llm::providers, b.clock);
        this.manageKnowledge = new ManageKnowledge(b.characters, b.documents, b.knowledgeIndex, b.clock);
        this.streamConversationAudio = new StreamConversationAudio(streamConversationMessage, followStream, pipeline,
                Optional.ofNullable(b.speech), b.audioSettings);
    }

    public static Builder builder() {
        return new Builder();
    }

    public StreamConversationMessage streamConversationMessage() {
        return streamConversationMessage;
    }

    /** Answers spoken while generated; without {@link Builder#speech} it answers {@link StreamOutcome.Unavailable}. */
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

    public ManageCharacters characters() {
        return manageCharacters;
    }

    public ManageConversations conversations() {
        return manageConversations;
    }

    public ManageChats chats() {
        return manageChats;
    }

    public ManageKnowledge knowledge() {
        return manageKnowledge;
    }

    public ActiveStreams activeStreams() {
        return activeStreams;
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

    /** Collects the adapters; every port is required except the observer, the writer and the clock. */
    public static final class Builder {
        private LlmStream llm;
        private MessageStore messageStore;
        private ContextRetriever retriever;
        private CharacterRepository characters;
        private DialogueRepository dialogues;
        private DocumentRepository documents;
        private KnowledgeIndex knowledgeIndex;
        private StreamingSettings settings = StreamingSettings.defaults();
        private StreamingObserver observer = StreamingObserver.NONE;
        private AsyncMessageWriter writer;
        private Clock clock = Clock.systemUTC();
        private SpeechSynthesizer speech;
        private AudioSettings audioSettings = AudioSettings.defaults();
        private StreamEventLog streamLog;

        private Builder() {
        }

        public Builder llm(LlmStream value) {
            this.llm = value;
            return this;
        }

        public Builder messageStore(MessageStore value) {
            this.messageStore = value;
            return this;
        }

        public Builder retriever(ContextRetriever value) {
            this.retriever = value;
            return this;
        }

        public Builder characters(CharacterRepository value) {
            this.characters = value;
            return this;
        }

        public Builder dialogues(DialogueRepository value) {
            this.dialogues = value;
            return this;
        }

        public Builder documents(DocumentRepository value) {
            this.documents = value;
            return this;
        }

        public Builder knowledgeIndex(KnowledgeIndex value) {
            this.knowledgeIndex = value;
            return this;
        }

        public Builder settings(StreamingSettings value) {
            this.settings = value;
            return this;
        }

        public Builder observer(StreamingObserver value) {
            this.observer = value;
            return this;
        }

        /** A writer of one's own (sized differently); by default two lanes of 10,000 messages. */
        public Builder writer(AsyncMessageWriter value) {
            this.writer = value;
            return this;
        }

        /** Where streams' events go; by default {@link InMemoryStreamEventLog#withDefaults()} (one process). */
        public Builder streamLog(StreamEventLog value) {
            this.streamLog = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Text-to-speech for {@link StreamConversationAudio}; optional. */
        public Builder speech(SpeechSynthesizer synthesizer, AudioSettings settings) {
            this.speech = Objects.requireNonNull(synthesizer, "synthesizer");
            this.audioSettings = Objects.requireNonNull(settings, "audio settings");
            return this;
        }

        public StreamingCore build() {
            require(llm, "llm");
            require(messageStore, "messageStore");
            require(retriever, "retriever");
            require(characters, "characters");
            require(dialogues, "dialogues");
            require(documents, "documents");
            require(knowledgeIndex, "knowledgeIndex");
            require(settings, "settings");
            require(observer, "observer");
            require(clock, "clock");
            if (streamLog == null) {
                streamLog = InMemoryStreamEventLog.withDefaults();
            }
            return new StreamingCore(this);
        }

        private static void require(Object value, String name) {
            Objects.requireNonNull(value, () -> "StreamingCore needs " + name);
        }
    }
}
