package io.llmstream.adapter.persistence.jooq;

import static io.llmstream.adapter.persistence.jooq.Fixtures.T0;
import static io.llmstream.adapter.persistence.jooq.Fixtures.chat;
import static io.llmstream.adapter.persistence.jooq.Fixtures.newOwner;
import static io.llmstream.adapter.persistence.jooq.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Message;
import io.llmstream.core.port.StoreException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away under a running pool: the store's login role is locked out and its sessions
 * are terminated (the shared server keeps running for everyone else), then let in again.
 */
class PostgresFaultTest {

    private String role;
    private PostgresTestDatabase database;
    private JooqPersistence persistence;

    @BeforeEach
    void startOnOwnRole() {
        PostgresTestDatabase.requireServer();
        role = "llmstream_fault_" + Long.toHexString(System.nanoTime());
        PostgresTestDatabase.execute("CREATE ROLE " + role + " LOGIN");
        database = PostgresTestDatabase.create(role);
        persistence = JooqPersistence.start(database.config(role, Duration.ofSeconds(1)));
    }

    @AfterEach
    void dropEverything() {
        if (persistence != null) {
            persistence.close();
        }
        if (database != null) {
            database.close();
        }
        if (role != null) {
            PostgresTestDatabase.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void shouldFailWritesWithStoreExceptionWhileTheDatabaseIsGoneAndSucceedOnceItIsBack() throws Exception {
        // given
        Chat chat = chat(newOwner());
        persistence.dialogues().createChat(chat);
        Message before = user(chat.ref(), "before the fault", T0);
        persistence.messageStore().save(before);
        Message during = user(chat.ref(), "during the fault", T0);
        // when: the database goes away
        PostgresTestDatabase.execute("ALTER ROLE " + role + " NOLOGIN");
        PostgresTestDatabase.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        // then
        assertThatThrownBy(() -> persistence.messageStore().save(during)).isInstanceOf(StoreException.class);
        assertThat(persistence.ping()).isFalse();
        // when: it comes back, and the failed write is retried
        PostgresTestDatabase.execute("ALTER ROLE " + role + " LOGIN");
        Readiness.awaitReady(persistence, Duration.ofSeconds(15));
        persistence.messageStore().save(during);
        Message after = user(chat.ref(), "after the fault", T0);
        persistence.messageStore().save(after);
        // then: nothing lost, nothing twice
        assertThat(persistence.messageStore().recentMessages(chat.ref(), 10)).containsExactly(before, during, after);
    }

    @Test
    void shouldFailReadsWithStoreExceptionWhenThePoolIsClosed() {
        persistence.close();

        assertThatThrownBy(() -> persistence.characters().list(newOwner())).isInstanceOf(StoreException.class);
        assertThat(persistence.ping()).isFalse();
    }
}
