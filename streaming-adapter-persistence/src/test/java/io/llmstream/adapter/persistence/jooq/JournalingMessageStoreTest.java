package io.llmstream.adapter.persistence.jooq;

import static io.llmstream.adapter.persistence.jooq.Fixtures.T0;
import static io.llmstream.adapter.persistence.jooq.Fixtures.chat;
import static io.llmstream.adapter.persistence.jooq.Fixtures.newOwner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.adapter.persistence.journal.JournalingMessageStore;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.port.StoreException;
import io.llmstream.testkit.TcpProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The journal in front of the real PostgreSQL, whose connections run through a proxy the test cuts and restores. */
class JournalingMessageStoreTest {

    @TempDir
    Path journalDir;
    private TcpProxy proxy;
    private PostgresTestDatabase database;
    private JooqPersistence persistence;
    private Chat chat;

    @BeforeEach
    void startBehindAProxy() throws Exception {
        PostgresTestDatabase.requireServer();
        URI server = URI.create(PostgresTestDatabase.SERVER_URL.substring("jdbc:".length()));
        proxy = new TcpProxy(server.getHost(), server.getPort());
        database = PostgresTestDatabase.create();
        persistence = JooqPersistence.start(new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath()
                + "?currentSchema=" + database.schema, PostgresTestDatabase.ADMIN_USER, "", 2, Duration.ofSeconds(1)));
        chat = chat(newOwner());
        persistence.dialogues().createChat(chat);
    }

    @AfterEach
    void stop() {
        if (persistence != null) {
            persistence.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest(name = "an outage of {0} s")
    @ValueSource(ints = {5, 60})
    void shouldStoreEveryAcceptedWriteOnceAndInOrderAfterAnOutage(int outageSeconds) throws Exception {
        try (JournalingMessageStore store = open(1 << 20)) {
            List<Message> written = dialogue(20);
            store.save(written.get(0));
            proxy.cut();

            written.subList(1, written.size()).forEach(store::save); // none throws: each is journaled
            assertThat(store.backlog()).isEqualTo(written.size() - 1);
            Thread.sleep(outageSeconds * 1_000L); // the outage itself, not a synchronisation
            proxy.restore();

            assertThat(store.awaitEmpty(Duration.ofSeconds(30))).isTrue();
            assertThat(persistence.messageStore().recentMessages(chat.ref(), 100)).containsExactlyElementsOf(written);
        }
    }

    @Test
    void shouldStoreWhatAKilledProcessLeftInTheJournalAtTheNextStart() throws Exception {
        List<Message> written = dialogue(5);
        proxy.cut();
        JournalingMessageStore first = open(1 << 20);
        written.forEach(first::save);
        first.close(); // what kill -9 leaves is the same: every record was forced to disk before save returned
        // a record cut short by the kill: its length says more bytes than there are
        Files.write(journalDir.resolve("messages.journal"), new byte[] {0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND);
        proxy.restore();

        try (JournalingMessageStore second = open(1 << 20)) {
            assertThat(second.awaitEmpty(Duration.ofSeconds(30))).isTrue();
            Message after = Message.user(UUID.randomUUID(), chat.ref(), "after the restart", T0.plusSeconds(100));
            second.save(after);
            List<Message> expected = new ArrayList<>(written);
            expected.add(after);
            assertThat(persistence.messageStore().recentMessages(chat.ref(), 100)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void shouldRefuseAndCountWritesOnceTheJournalIsFullAndKeepWhatItHolds() throws Exception {
        List<Message> written = dialogue(10);
        try (JournalingMessageStore store = open(4_000)) {
            proxy.cut();
            List<Message> kept = new ArrayList<>();
            for (Message message : written) {
                try {
                    store.save(message);
                    kept.add(message);
                } catch (StoreException e) {
                    assertThat(e.getMessage()).contains("journal is full");
                }
            }
            assertThat(kept).isNotEmpty().hasSizeLessThan(written.size());
            assertThat(store.refusedWhenFull()).isEqualTo(written.size() - kept.size());
            assertThat(store.backlogBytes()).isLessThanOrEqualTo(4_000);

            proxy.restore();

            assertThat(store.awaitEmpty(Duration.ofSeconds(30))).isTrue();
            assertThat(persistence.messageStore().recentMessages(chat.ref(), 100)).containsExactlyElementsOf(kept);
        }
    }

    @Test
    void shouldRefuseAndCountWritesWhenTheJournalsDiskIsFullAndStoreWhatItHeld() throws Exception {
        Path smallDisk = journalDir.resolve("small-disk");
        java.nio.file.Files.createDirectories(smallDisk);
        mountTmpfs(smallDisk, "16k"); // a real file system that fills up: the journal's own cap is far away
        try {
            List<Message> written = dialogue(40); // ~20 KiB of records
            try (JournalingMessageStore store = JournalingMessageStore.open(persistence.messageStore(), persistence::ping,
                    smallDisk.resolve("journal"), 256L << 20)) {
                proxy.cut();
                List<Message> kept = new ArrayList<>();
                List<Message> refused = new ArrayList<>();
                for (Message message : written) {
                    try {
                        store.save(message);
                        kept.add(message);
                    } catch (StoreException e) {
                        assertThat(e.getMessage()).contains("journal cannot be written");
                        refused.add(message);
                    }
                }
                assertThat(kept).isNotEmpty();
                assertThat(refused).isNotEmpty();
                assertThat(store.refusedWhenFull()).isEqualTo(refused.size());

                proxy.restore();

                assertThat(store.awaitEmpty(Duration.ofSeconds(30))).isTrue();
                assertThat(persistence.messageStore().recentMessages(chat.ref(), 100)).containsExactlyElementsOf(kept);
                Message after = Message.user(UUID.randomUUID(), chat.ref(), "danach", T0.plusSeconds(500));
                proxy.cut(); // the drained journal gave its space back: it takes writes again
                store.save(after);
                proxy.restore();
                assertThat(store.awaitEmpty(Duration.ofSeconds(30))).isTrue();
                assertThat(persistence.messageStore().recentMessages(chat.ref(), 100)).last().isEqualTo(after);
            }
        } finally {
            new ProcessBuilder("umount", smallDisk.toString()).inheritIO().start().waitFor();
        }
    }

    /** Mounts a tmpfs of the given size; skips the test where this process may not mount (it needs root). */
    private static void mountTmpfs(Path directory, String size) throws Exception {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
                "a small tmpfs cannot be mounted here (" + output.strip() + "); the full-disk test needs root");
    }

    private JournalingMessageStore open(long maxBytes) {
        return JournalingMessageStore.open(persistence.messageStore(), persistence::ping, journalDir, maxBytes);
    }

    /** Questions and answers alternating, with the statuses a stream can end in. */
    private List<Message> dialogue(int pairs) {
        List<Message> messages = new ArrayList<>();
        MessageStatus[] statuses = MessageStatus.values();
        for (int i = 0; i < pairs; i++) {
            messages.add(Message.user(UUID.randomUUID(), chat.ref(), "Frage " + i, T0.plusSeconds(2L * i)));
            MessageStatus status = statuses[i % statuses.length];
            messages.add(new Message(UUID.randomUUID(), chat.ref(), MessageRole.ASSISTANT, "Antwort " + i + " " + "x".repeat(200),
                    status, List.of(), Optional.of("openai"), Optional.of("gpt-4o-mini"), Optional.empty(),
                    status == MessageStatus.COMPLETE ? Optional.empty() : Optional.of("llm_timeout"),
                    T0.plusSeconds(2L * i + 1), Optional.of(T0.plusSeconds(2L * i + 1))));
        }
        return messages;
    }
}
