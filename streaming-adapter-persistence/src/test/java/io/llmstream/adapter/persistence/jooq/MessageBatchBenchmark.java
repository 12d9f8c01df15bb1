package io.llmstream.adapter.persistence.jooq;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.TokenUsage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * What the asynchronous writer sends: {@code batch} messages of a chat (a question and its answer in turn, the answer
 * with provider, model and usage) in one {@code MessageStore.saveAll}, on embedded H2 and on the PostgreSQL test
 * database (127.0.0.1:5432/test, a fresh schema). Each call saves new messages. Sample time: JMH prints the median as
 * {@code p0.50}. Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessageBatchBenchmark {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String TEXT = "A streamed answer of a few sentences, as the writer saves it when the stream ends, "
            + "with its provider, model and token usage; about two hundred characters of ordinary text in all.";

    @Param({"h2", "postgres"})
    public String database;

    @Param({"1", "8", "32"})
    public int batch;

    private BenchmarkDatabase db;
    private JooqPersistence persistence;
    private Chat chat;
    private long seconds;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        db = BenchmarkDatabase.open(database);
        persistence = db.persistence;
        chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.of("openai"), Optional.of("gpt-4o-mini"),
                T0);
        persistence.dialogues().createChat(chat);
        saveAll();
        if (persistence.messageStore().recentMessages(chat.ref(), batch).size() != batch) {
            throw new IllegalStateException("the benchmark's messages did not read back");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close();
    }

    @Benchmark
    public void saveAll() {
        List<Message> messages = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            Instant at = T0.plusSeconds(++seconds);
            messages.add(i % 2 == 0
                    ? Message.user(UUID.randomUUID(), chat.ref(), TEXT, at)
                    : new Message(UUID.randomUUID(), chat.ref(), MessageRole.ASSISTANT, TEXT, MessageStatus.COMPLETE,
                            List.of(), Optional.of("openai"), Optional.of("gpt-4o-mini"),
                            Optional.of(new TokenUsage(120, 60)), Optional.empty(), at, Optional.of(at)));
        }
        persistence.messageStore().saveAll(messages);
    }
}
