package io.llmstream.adapter.persistence.jooq;

import static io.llmstream.adapter.persistence.jooq.Fixtures.T0;
import static io.llmstream.adapter.persistence.jooq.Fixtures.answer;
import static io.llmstream.adapter.persistence.jooq.Fixtures.bareCharacter;
import static io.llmstream.adapter.persistence.jooq.Fixtures.character;
import static io.llmstream.adapter.persistence.jooq.Fixtures.chat;
import static io.llmstream.adapter.persistence.jooq.Fixtures.conversation;
import static io.llmstream.adapter.persistence.jooq.Fixtures.document;
import static io.llmstream.adapter.persistence.jooq.Fixtures.newOwner;
import static io.llmstream.adapter.persistence.jooq.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.port.Characters;
import io.llmstream.core.port.Characters.SaveResult;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.KnowledgeDocuments;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour of the store and repositories, run against each database. Subclasses provide an empty
 * database (a fresh PostgreSQL schema, a new H2 file); the migrations are applied to it at start.
 * Tests do not clean up: each one works under owners of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PersistenceContract {

    private JooqPersistence persistence;

    /** An empty database for this test class. */
    protected abstract DatabaseConfig openEmptyDatabase();

    /** Removes what {@link #openEmptyDatabase()} created. */
    protected abstract void dropDatabase();

    @BeforeAll
    final void startPersistence() {
        persistence = JooqPersistence.start(openEmptyDatabase());
    }

    @AfterAll
    final void stopPersistence() {
        if (persistence != null) {
            persistence.close();
        }
        dropDatabase();
    }

    MessageStore messages() {
        return persistence.messageStore();
    }

    Characters characters() {
        return persistence.characters();
    }

    Dialogues dialogues() {
        return persistence.dialogues();
    }

    KnowledgeDocuments documents() {
        return persistence.documents();
    }

    Conversation newConversation(String owner) {
        Character character = character(owner, "role-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(characters().create(character)).isEqualTo(SaveResult.SAVED);
        Conversation conversation = conversation(character, T0);
        dialogues().createConversation(conversation);
        return conversation;
    }

    Chat newChat(String owner) {
        Chat chat = chat(owner);
        dialogues().createChat(chat);
        return chat;
    }

    @Test
    void shouldCreateTheFirstChatsOfANewOwnerConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String owner = newOwner();
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(8);
                List<Future<Chat>> created = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    created.add(pool.submit(() -> {
                        together.await(); // all eight race for the owner's first row
                        return newChat(owner);
                    }));
                }
                for (Future<Chat> chat : created) {
                    assertThat(dialogues().findChat(owner, chat.get().id())).isPresent();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAnswerPingWhenDatabaseIsUp() {
        assertThat(persistence.ping()).isTrue();
    }

    @Nested
    class Messages {

        @Test
        void shouldReadMessagesInInsertionOrderWhenTimestampsAreEqual() {
            // given
            DialogueRef thread = newConversation(newOwner()).ref();
            List<Message> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                written.add(user(thread, "message " + i, T0));
            }
            // when
            written.forEach(messages()::save);
            // then
            assertThat(messages().recentMessages(thread, 10)).containsExactlyElementsOf(written);
        }

        @Test
        void shouldReturnTheLastMessagesOldestFirstWhenLimited() {
            // given
            DialogueRef chat = newChat(newOwner()).ref();
            List<Message> written = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Message message = user(chat, "message " + i, T0.plusSeconds(i));
                written.add(message);
                messages().save(message);
            }
            // when
            List<Message> recent = messages().recentMessages(chat, 3);
            // then
            assertThat(recent).containsExactlyElementsOf(written.subList(3, 6));
        }

        @Test
        void shouldReturnNothingWhenLimitIsZero() {
            DialogueRef chat = newChat(newOwner()).ref();
            messages().save(user(chat, "hello", T0));

            assertThat(messages().recentMessages(chat, 0)).isEmpty();
        }

        @Test
        void shouldReturnNothingForADialogueWithoutMessages() {
            assertThat(messages().recentMessages(DialogueRef.chat(UUID.randomUUID()), 10)).isEmpty();
        }

        @Test
        void shouldRoundTripEveryFieldOfAnAnswer() {
            // given
            DialogueRef thread = newConversation(newOwner()).ref();
            Message answer = answer(thread, "The answer.", MessageStatus.COMPLETE, Optional.empty());
            // when
            messages().save(answer);
            // then
            assertThat(messages().recentMessages(thread, 1)).containsExactly(answer);
        }

        @Test
        void shouldKeepOneRowAndItsPlaceWhenTheSameMessageIsSavedTwice() {
            // given
            DialogueRef thread = newConversation(newOwner()).ref();
            Message question = user(thread, "question", T0);
            Message partial = answer(thread, "The ans", MessageStatus.INTERRUPTED, Optional.of("client_closed"));
            Message later = user(thread, "next question", T0.plusSeconds(5));
            messages().save(question);
            messages().save(partial);
            messages().save(later);
            Message complete = new Message(partial.id(), thread, MessageRole.ASSISTANT, "The answer.",
                    MessageStatus.COMPLETE, List.of(), Optional.of("openai"), Optional.of("gpt-4o-mini"),
                    Optional.empty(), Optional.empty(), partial.createdAt(), Optional.of(T0.plusSeconds(3)));
            // when
            messages().save(complete);
            messages().save(complete);
            // then
            assertThat(messages().recentMessages(thread, 10)).containsExactly(question, complete, later);
        }

        @Test
        void shouldKeepPartialAnswerWithStatusAndErrorCodeWhenTheStreamEndedEarly() {
            // given
            DialogueRef thread = newConversation(newOwner()).ref();
            Message failed = answer(thread, "Half an ans", MessageStatus.FAILED, Optional.of("upstream_timeout"));
            Message interrupted = answer(thread, "", MessageStatus.INTERRUPTED, Optional.of("client_closed"));
            // when
            messages().save(failed);
            messages().save(interrupted);
            // then
            List<Message> read = messages().recentMessages(thread, 10);
            assertThat(read).extracting(Message::status)
                    .containsExactly(MessageStatus.FAILED, MessageStatus.INTERRUPTED);
            assertThat(read).extracting(Message::content).containsExactly("Half an ans", "");
            assertThat(read).extracting(Message::errorCode)
                    .containsExactly(Optional.of("upstream_timeout"), Optional.of("client_closed"));
            assertThat(read.get(0).citations()).isEqualTo(failed.citations());
        }

        @Test
        void shouldKeepChatAndConversationMessagesApart() {
            // given
            String owner = newOwner();
            DialogueRef thread = newConversation(owner).ref();
            DialogueRef chat = newChat(owner).ref();
            Message inThread = user(thread, "to the thread", T0);
            Message inChat = user(chat, "to the chat", T0);
            // when
            messages().save(inThread);
            messages().save(inChat);
            // then
            assertThat(messages().recentMessages(thread, 10)).containsExactly(inThread);
            assertThat(messages().recentMessages(chat, 10)).containsExactly(inChat);
        }

        @Test
        void shouldFailWithStoreExceptionWhenTheDialogueDoesNotExist() {
            Message orphan = user(DialogueRef.conversation(UUID.randomUUID()), "hello", T0);

            assertThatThrownBy(() -> messages().save(orphan))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("does not exist");
        }

        @Test
        void shouldRefuseToMoveAMessageToAnotherOwnersDialogue() {
            // given
            DialogueRef mine = newChat(newOwner()).ref();
            DialogueRef theirs = newChat(newOwner()).ref();
            Message message = user(mine, "mine", T0);
            messages().save(message);
            Message hijack = Message.user(message.id(), theirs, "stolen", T0);
            // when / then
            assertThatThrownBy(() -> messages().save(hijack)).isInstanceOf(StoreException.class);
            assertThat(messages().recentMessages(mine, 10)).containsExactly(message);
            assertThat(messages().recentMessages(theirs, 10)).isEmpty();
        }

        @Test
        void shouldKeepEveryThreadsOrderWhenSavedFromManyThreadsAtOnce() throws Exception {
            // given
            String owner = newOwner();
            List<DialogueRef> chats = List.of(newChat(owner).ref(), newChat(owner).ref(), newChat(owner).ref(),
                    newChat(owner).ref());
            int perChat = 15;
            // when: one writer per dialogue, as the core's asynchronous writer orders them
            try (ExecutorService writers = Executors.newFixedThreadPool(chats.size())) {
                List<Future<List<Message>>> written = new ArrayList<>();
                for (DialogueRef chat : chats) {
                    written.add(writers.submit(() -> {
                        List<Message> saved = new ArrayList<>();
                        for (int i = 0; i < perChat; i++) {
                            Message message = user(chat, "message " + i, T0);
                            messages().save(message);
                            saved.add(message);
                        }
                        return saved;
                    }));
                }
                // then
                for (int i = 0; i < chats.size(); i++) {
                    List<Message> saved = written.get(i).get();
                    assertThat(messages().recentMessages(chats.get(i), 100)).containsExactlyElementsOf(saved);
                }
            }
        }
    }

    @Nested
    class DialogueBehaviour {

        @Test
        void shouldFindTheOwnersConversationWithItsCharacter() {
            String owner = newOwner();
            Conversation conversation = newConversation(owner);

            assertThat(dialogues().findConversation(owner, conversation.id())).contains(conversation);
        }

        @Test
        void shouldNotFindAnotherOwnersConversation() {
            Conversation conversation = newConversation(newOwner());

            assertThat(dialogues().findConversation(newOwner(), conversation.id())).isEmpty();
            assertThat(dialogues().findConversation(conversation.owner(), UUID.randomUUID())).isEmpty();
        }

        @Test
        void shouldFindTheOwnersChatButNotAnotherOwners() {
            String owner = newOwner();
            Chat chat = newChat(owner);
            Chat bare = new Chat(UUID.randomUUID(), owner, Optional.empty(), Optional.empty(), Optional.empty(), T0);
            dialogues().createChat(bare);

            assertThat(dialogues().findChat(owner, chat.id())).contains(chat);
            assertThat(dialogues().findChat(owner, bare.id())).contains(bare);
            assertThat(dialogues().findChat(newOwner(), chat.id())).isEmpty();
        }

        @Test
        void shouldListTheOwnersConversationsNewestFirstUpToTheLimit() {
            // given
            String owner = newOwner();
            Character character = character(owner, "guide");
            characters().create(character);
            Conversation first = conversation(character, T0);
            Conversation second = conversation(character, T0.plusSeconds(10));
            Conversation sameTimeAsSecond = conversation(character, T0.plusSeconds(10));
            List.of(first, second, sameTimeAsSecond).forEach(dialogues()::createConversation);
            newConversation(newOwner());
            // when / then
            assertThat(dialogues().listConversations(owner, 10)).containsExactly(sameTimeAsSecond, second, first);
            assertThat(dialogues().listConversations(owner, 2)).containsExactly(sameTimeAsSecond, second);
        }

        @Test
        void shouldRefuseAConversationWhoseCharacterDoesNotExist() {
            String owner = newOwner();
            Conversation conversation = conversation(character(owner, "ghost"), T0);

            assertThatThrownBy(() -> dialogues().createConversation(conversation)).isInstanceOf(StoreException.class);
            assertThat(dialogues().findConversation(owner, conversation.id())).isEmpty();
        }
    }

    @Nested
    class CharacterBehaviour {

        @Test
        void shouldFindACreatedCharacterByIdAndRole() {
            String owner = newOwner();
            Character character = character(owner, "librarian");
            Character bare = bareCharacter(owner, "plain");

            assertThat(characters().create(character)).isEqualTo(SaveResult.SAVED);
            assertThat(characters().create(bare)).isEqualTo(SaveResult.SAVED);

            assertThat(characters().findById(owner, character.id())).contains(character);
            assertThat(characters().findByRole(owner, "librarian")).contains(character);
            assertThat(characters().findByRole(owner, "plain")).contains(bare);
        }

        @Test
        void shouldAnswerRoleTakenWhenTheOwnerAlreadyHasTheRole() {
            String owner = newOwner();
            characters().create(character(owner, "twin"));

            assertThat(characters().create(character(owner, "twin"))).isEqualTo(SaveResult.ROLE_TAKEN);
        }

        @Test
        void shouldLetTwoOwnersUseTheSameRole() {
            assertThat(characters().create(character(newOwner(), "shared"))).isEqualTo(SaveResult.SAVED);
            assertThat(characters().create(character(newOwner(), "shared"))).isEqualTo(SaveResult.SAVED);
        }

        @Test
        void shouldNotShowACharacterToAnotherOwner() {
            Character character = character(newOwner(), "private");
            characters().create(character);
            String stranger = newOwner();

            assertThat(characters().findById(stranger, character.id())).isEmpty();
            assertThat(characters().findByRole(stranger, "private")).isEmpty();
            assertThat(characters().list(stranger)).isEmpty();
            assertThat(characters().delete(stranger, character.id())).isFalse();
            assertThat(characters().findById(character.owner(), character.id())).contains(character);
        }

        @Test
        void shouldReplaceEverythingButTheCreationTimeOnUpdate() {
            // given
            String owner = newOwner();
            Character original = character(owner, "before");
            characters().create(original);
            Character changed = new Character(original.id(), owner, "after", Optional.empty(), "New prompt.",
                    Optional.of("anthropic"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Map.of("k", "v"), T0.plusSeconds(99));
            // when
            SaveResult result = characters().update(changed);
            // then
            assertThat(result).isEqualTo(SaveResult.SAVED);
            Character expected = new Character(original.id(), owner, "after", Optional.empty(), "New prompt.",
                    Optional.of("anthropic"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Map.of("k", "v"), original.createdAt());
            assertThat(characters().findById(owner, original.id())).contains(expected);
            assertThat(characters().findByRole(owner, "before")).isEmpty();
        }

        @Test
        void shouldAnswerNotFoundWhenUpdatingAnotherOwnersCharacter() {
            Character character = character(newOwner(), "mine");
            characters().create(character);
            Character forged = character(newOwner(), "mine");
            Character sameIdOtherOwner = new Character(character.id(), forged.owner(), "mine", Optional.empty(), "x",
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), T0);

            assertThat(characters().update(sameIdOtherOwner)).isEqualTo(SaveResult.NOT_FOUND);
            assertThat(characters().findById(character.owner(), character.id())).contains(character);
        }

        @Test
        void shouldAnswerRoleTakenWhenRenamingToATakenRole() {
            String owner = newOwner();
            characters().create(character(owner, "alpha"));
            Character beta = character(owner, "beta");
            characters().create(beta);
            Character renamed = new Character(beta.id(), owner, "alpha", beta.agent(), beta.systemPrompt(),
                    beta.defaultProvider(), beta.defaultModel(), beta.voiceId(), beta.voiceModel(),
                    beta.customParameters(), beta.createdAt());

            assertThat(characters().update(renamed)).isEqualTo(SaveResult.ROLE_TAKEN);
            assertThat(characters().findById(owner, beta.id())).contains(beta);
        }

        @Test
        void shouldListTheOwnersCharactersByRole() {
            String owner = newOwner();
            Character zed = character(owner, "zed");
            Character abe = character(owner, "abe");
            Character max = character(owner, "max");
            List.of(zed, abe, max).forEach(characters()::create);
            characters().create(character(newOwner(), "other"));

            assertThat(characters().list(owner)).containsExactly(abe, max, zed);
        }

        @Test
        void shouldDeleteTheCharacterWithItsConversationsMessagesAndDocuments() {
            // given
            String owner = newOwner();
            Conversation conversation = newConversation(owner);
            Character character = conversation.character();
            messages().save(user(conversation.ref(), "hello", T0));
            KnowledgeDocument document = document(character, "manual", T0);
            documents().save(document);
            // when
            boolean deleted = characters().delete(owner, character.id());
            // then
            assertThat(deleted).isTrue();
            assertThat(characters().findById(owner, character.id())).isEmpty();
            assertThat(dialogues().findConversation(owner, conversation.id())).isEmpty();
            assertThat(messages().recentMessages(conversation.ref(), 10)).isEmpty();
            assertThat(documents().find(owner, document.id())).isEmpty();
            assertThat(characters().delete(owner, character.id())).isFalse();
        }
    }

    @Nested
    class Documents {

        @Test
        void shouldFindASavedDocument() {
            Character character = character(newOwner(), "archivist");
            characters().create(character);
            KnowledgeDocument document = document(character, "handbook", T0);

            documents().save(document);

            assertThat(documents().find(character.owner(), document.id())).contains(document);
        }

        @Test
        void shouldReplaceTheDocumentWithTheSameId() {
            Character character = character(newOwner(), "archivist");
            characters().create(character);
            KnowledgeDocument document = document(character, "draft", T0);
            documents().save(document);
            KnowledgeDocument reindexed = new KnowledgeDocument(document.id(), document.owner(), character.id(),
                    character.role(), "final", "text/plain", 99, 1, T0.plusSeconds(1));

            documents().save(reindexed);

            assertThat(documents().find(character.owner(), document.id())).contains(reindexed);
            assertThat(documents().listByCharacter(character.owner(), character.id())).containsExactly(reindexed);
        }

        @Test
        void shouldListACharactersDocumentsOldestFirst() {
            String owner = newOwner();
            Character character = character(owner, "archivist");
            Character other = character(owner, "other");
            characters().create(character);
            characters().create(other);
            KnowledgeDocument newer = document(character, "newer", T0.plusSeconds(60));
            KnowledgeDocument older = document(character, "older", T0);
            KnowledgeDocument sameTimeAsOlder = document(character, "same time", T0);
            List.of(newer, older, sameTimeAsOlder).forEach(documents()::save);
            documents().save(document(other, "elsewhere", T0));

            assertThat(documents().listByCharacter(owner, character.id()))
                    .containsExactly(older, sameTimeAsOlder, newer);
        }

        @Test
        void shouldNotShowOrDeleteADocumentOfAnotherOwner() {
            Character character = character(newOwner(), "keeper");
            characters().create(character);
            KnowledgeDocument document = document(character, "secret", T0);
            documents().save(document);
            String stranger = newOwner();

            assertThat(documents().find(stranger, document.id())).isEmpty();
            assertThat(documents().listByCharacter(stranger, character.id())).isEmpty();
            assertThat(documents().delete(stranger, document.id())).isFalse();
            assertThat(documents().find(character.owner(), document.id())).contains(document);
        }

        @Test
        void shouldRefuseToOverwriteAnotherOwnersDocument() {
            Character mine = character(newOwner(), "keeper");
            Character theirs = character(newOwner(), "thief");
            characters().create(mine);
            characters().create(theirs);
            KnowledgeDocument document = document(mine, "secret", T0);
            documents().save(document);
            KnowledgeDocument overwrite = new KnowledgeDocument(document.id(), theirs.owner(), theirs.id(),
                    theirs.role(), "mine now", "text/plain", 1, 1, T0);

            assertThatThrownBy(() -> documents().save(overwrite)).isInstanceOf(StoreException.class);
            assertThat(documents().find(mine.owner(), document.id())).contains(document);
        }

        @Test
        void shouldDeleteTheOwnersDocument() {
            Character character = character(newOwner(), "keeper");
            characters().create(character);
            KnowledgeDocument document = document(character, "old", T0);
            documents().save(document);

            assertThat(documents().delete(character.owner(), document.id())).isTrue();
            assertThat(documents().find(character.owner(), document.id())).isEmpty();
            assertThat(documents().delete(character.owner(), document.id())).isFalse();
        }

        @Test
        void shouldRefuseADocumentOfACharacterThatDoesNotExist() {
            KnowledgeDocument orphan = document(character(newOwner(), "ghost"), "lost", Instant.EPOCH);

            assertThatThrownBy(() -> documents().save(orphan)).isInstanceOf(StoreException.class);
        }
    }
}
