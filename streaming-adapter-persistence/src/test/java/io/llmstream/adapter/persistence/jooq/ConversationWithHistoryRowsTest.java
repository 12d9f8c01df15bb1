package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.persistence.jooq.Tables.Characters;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jooq.CloseableDSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Result;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the one query for a conversation with its history sends back: the character's long text (a system prompt of up
 * to 32 KiB, the parameters' JSON) in one row, not repeated on every message row. The rows are seen as jOOQ fetched
 * them, by a listener on a second connection to the same database.
 */
class ConversationWithHistoryRowsTest {

    @Test
    void shouldSendTheSystemPromptOnceNotOncePerMessageOnH2(@TempDir Path dataDir) {
        assertSystemPromptSentOnce(DatabaseConfig.embedded(dataDir));
    }

    @Test
    void shouldSendTheSystemPromptOnceNotOncePerMessageOnPostgres() {
        PostgresTestDatabase.requireServer();
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            assertSystemPromptSentOnce(database.config());
        }
    }

    private static void assertSystemPromptSentOnce(DatabaseConfig config) {
        try (JooqPersistence persistence = JooqPersistence.start(config)) {
            String owner = Fixtures.newOwner();
            Character character = Fixtures.character(owner, "guide");
            persistence.characters().create(character);
            Conversation conversation = Fixtures.conversation(character, Fixtures.T0);
            persistence.dialogues().createConversation(conversation);
            List<Message> messages = IntStream.range(0, 3)
                    .mapToObj(i -> Fixtures.user(conversation.ref(), "m" + i, Fixtures.T0.plusSeconds(i + 1))).toList();
            persistence.messageStore().saveAll(messages);
            List<Result<?>> fetched = new ArrayList<>();

            try (CloseableDSLContext db = DSL.using(config.url(), config.user(), config.password())) {
                db.configuration().set(new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER))
                        .set(ExecuteListener.onResultEnd(context -> fetched.add(context.result())));
                var found = new JooqDialogues(db, new OwnerRows(Clock.systemUTC()))
                        .findConversationWithHistory(owner, conversation.id(), 10);

                assertThat(found).hasValueSatisfying(read -> {
                    assertThat(read.dialogue()).isEqualTo(conversation);
                    assertThat(read.history()).containsExactlyElementsOf(messages);
                });
            }
            assertThat(fetched).as("statements that fetched rows").hasSize(1);
            assertThat(fetched.getFirst()).as("rows fetched").hasSize(3);
            assertThat(fetched.getFirst().getValues(Characters.SYSTEM_PROMPT)).as("the system prompt in each row fetched")
                    .filteredOn(Objects::nonNull).containsExactly(character.systemPrompt());
            assertThat(fetched.getFirst().getValues(Characters.CUSTOM_PARAMETERS)).as("the parameters in each row fetched")
                    .filteredOn(Objects::nonNull).hasSize(1);
        }
    }
}
