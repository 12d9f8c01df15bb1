package io.llmstream.adapter.persistence.jooq;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.model.WithHistory;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A conversation read with its last {@code history} messages: one query ({@code findConversationWithHistory}, a
 * stream's set-up; GET with {@code history} = 2,000) against two reads ({@code findConversation}, then
 * {@code recentMessages}), with a system prompt of {@code promptChars} characters (32,768 is the column's maximum),
 * messages of 197 characters, on embedded H2 and on the PostgreSQL test database (127.0.0.1:5432/test, a fresh
 * schema). Sample time: JMH prints the median as {@code p0.50}. Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConversationReadBenchmark {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String QUESTION = "How do I keep a conversation's history short enough for the model's context "
            + "window without losing what the user said at the start, and what does it cost to read it on every turn "
            + "of a long dialogue?";

    @Param({"h2", "postgres"})
    public String database;

    @Param({"20", "2000"})
    public int history;

    @Param({"1024", "32768"})
    public int promptChars;

    private BenchmarkDatabase db;
    private JooqPersistence persistence;
    private Conversation conversation;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        db = BenchmarkDatabase.open(database);
        persistence = db.persistence;
        Character character = new Character(UUID.randomUUID(), "alice", "guide", Optional.of("helper"),
                "p".repeat(promptChars), Optional.of("openai"), Optional.of("gpt-4o-mini"), Optional.of("nova"),
                Optional.of("tts-1"), Map.of("temperature", "0.2"), T0);
        persistence.characters().create(character);
        conversation = new Conversation(UUID.randomUUID(), "alice", character, T0);
        persistence.dialogues().createConversation(conversation);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < history; i++) {
            Instant at = T0.plusSeconds(i + 1);
            messages.add(i % 2 == 0
                    ? Message.user(UUID.randomUUID(), conversation.ref(), QUESTION, at)
                    : new Message(UUID.randomUUID(), conversation.ref(), MessageRole.ASSISTANT, QUESTION.toUpperCase(),
                            MessageStatus.COMPLETE, List.of(), Optional.of("openai"), Optional.of("gpt-4o-mini"),
                            Optional.of(new TokenUsage(120, 60)), Optional.empty(), at, Optional.of(at)));
            if (messages.size() == 500) {
                persistence.messageStore().saveAll(messages);
                messages.clear();
            }
        }
        persistence.messageStore().saveAll(messages);
        WithHistory<Conversation> read = oneQuery();
        if (read.history().size() != history || !read.dialogue().equals(conversation)) {
            throw new IllegalStateException("the benchmark's conversation did not read back as written");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close();
    }

    @Benchmark
    public WithHistory<Conversation> oneQuery() {
        return persistence.dialogues().findConversationWithHistory("alice", conversation.id(), history).orElseThrow();
    }

    @Benchmark
    public List<Message> twoReads() {
        Conversation found = persistence.dialogues().findConversation("alice", conversation.id()).orElseThrow();
        return persistence.messageStore().recentMessages(found.ref(), history);
    }
}
