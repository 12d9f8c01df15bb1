package io.llmstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.Characters;
import io.llmstream.core.port.Characters.SaveResult;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.KnowledgeDocuments;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.MessageStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the persistence ports must do. Extend it once per database; each test
 * gets fresh, empty stores from {@link #stores()}.
 */
public abstract class MessageStoreContract {

    /** The four persistence ports, backed by the same (empty) database. */
    public record Stores(MessageStore messages, Characters characters, Dialogues dialogues,
            KnowledgeDocuments documents) {
    }

    /** Fresh, empty stores for one test. */
    protected abstract Stores stores();

    private Stores stores;
    // whole milliseconds: databases keep microseconds at best
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void freshStores() {
        stores = stores();
    }

    protected Character character(String owner, String role) {
        return new Character(UUID.randomUUID(), owner, role, Optional.of("Helper"), "You are " + role + ".",
                Optional.of("openai"), Optional.of("gpt-4o-mini"), Optional.of("alloy"), Optional.empty(),
                Map.of("temperature", "0.2"), now);
    }

    private Conversation conversation(Character character) {
        Conversation conversation = new Conversation(UUID.randomUUID(), character.owner(), character, now);
        stores.dialogues().createConversation(conversation);
        return conversation;
    }

    private Message assistant(DialogueRef ref, String content, MessageStatus status, List<Citation> citations, Instant at) {
        return new Message(UUID.randomUUID(), ref, MessageRole.ASSISTANT, content, status, citations, Optional.of("openai"),
                Optional.of("gpt-4o-mini"), Optional.of(new TokenUsage(30, 12)),
                status == MessageStatus.COMPLETE ? Optional.empty() : Optional.of(LlmException.Code.UPSTREAM_ERROR.wireCode()), at, Optional.of(at.plusSeconds(2)));
    }

    @Test
    void shouldFindACreatedCharacterByRoleAndById() {
        Character alice = character("alice", "assistant");
        assertThat(stores.characters().create(alice)).isEqualTo(SaveResult.SAVED);

        assertThat(stores.characters().findByRole("alice", "assistant")).contains(alice);
        assertThat(stores.characters().findById("alice", alice.id())).contains(alice);
        assertThat(stores.characters().list("alice")).containsExactly(alice);
    }

    @Test
    void shouldKeepRolesUniquePerOwnerOnly() {
        assertThat(stores.characters().create(character("alice", "assistant"))).isEqualTo(SaveResult.SAVED);
        assertThat(stores.characters().create(character("alice", "assistant"))).isEqualTo(SaveResult.ROLE_TAKEN);
        assertThat(stores.characters().create(character("bob", "assistant"))).isEqualTo(SaveResult.SAVED);
    }

    @Test
    void shouldHideCharactersOfOtherOwners() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);

        assertThat(stores.characters().findByRole("bob", "assistant")).isEmpty();
        assertThat(stores.characters().findById("bob", alice.id())).isEmpty();
        assertThat(stores.characters().list("bob")).isEmpty();
        assertThat(stores.characters().delete("bob", alice.id())).isFalse();
        assertThat(stores.characters().findById("alice", alice.id())).isPresent();
    }

    @Test
    void shouldUpdateACharacterKeepingItsCreationTime() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        Character renamed = new Character(alice.id(), "alice", "tutor", Optional.empty(), "Teach.", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), now.plusSeconds(60));

        assertThat(stores.characters().update(renamed)).isEqualTo(SaveResult.SAVED);
        Character stored = stores.characters().findById("alice", alice.id()).orElseThrow();
        assertThat(stored.role()).isEqualTo("tutor");
        assertThat(stored.systemPrompt()).isEqualTo("Teach.");
        assertThat(stored.createdAt()).isEqualTo(now);
        assertThat(stores.characters().findByRole("alice", "assistant")).isEmpty();
    }

    @Test
    void shouldRefuseAnUpdateToATakenRoleOrOfAMissingCharacter() {
        Character first = character("alice", "assistant");
        Character second = character("alice", "tutor");
        stores.characters().create(first);
        stores.characters().create(second);
        Character clash = new Character(second.id(), "alice", "assistant", Optional.empty(), "", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), now);

        assertThat(stores.characters().update(clash)).isEqualTo(SaveResult.ROLE_TAKEN);
        assertThat(stores.characters().update(character("alice", "ghost"))).isEqualTo(SaveResult.NOT_FOUND);
    }

    @Test
    void shouldLoadAConversationWithItsCharacterForItsOwnerOnly() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        Conversation conversation = conversation(alice);

        Conversation loaded = stores.dialogues().findConversation("alice", conversation.id()).orElseThrow();
        assertThat(loaded.character()).isEqualTo(alice);
        assertThat(loaded.createdAt()).isEqualTo(now);
        assertThat(stores.dialogues().findConversation("bob", conversation.id())).isEmpty();
        assertThat(stores.dialogues().findConversation("alice", UUID.randomUUID())).isEmpty();
    }

    @Test
    void shouldListAnOwnersConversationsNewestFirst() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        Conversation older = new Conversation(UUID.randomUUID(), "alice", alice, now);
        Conversation newer = new Conversation(UUID.randomUUID(), "alice", alice, now.plusSeconds(5));
        stores.dialogues().createConversation(older);
        stores.dialogues().createConversation(newer);

        assertThat(stores.dialogues().listConversations("alice", 10)).extracting(Conversation::id)
                .containsExactly(newer.id(), older.id());
        assertThat(stores.dialogues().listConversations("alice", 1)).hasSize(1);
        assertThat(stores.dialogues().listConversations("bob", 10)).isEmpty();
    }

    @Test
    void shouldLoadAChatForItsOwnerOnly() {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.of("Ideas"), Optional.of("openai"), Optional.of("gpt-4"), now);
        stores.dialogues().createChat(chat);

        assertThat(stores.dialogues().findChat("alice", chat.id())).contains(chat);
        assertThat(stores.dialogues().findChat("bob", chat.id())).isEmpty();
    }

    @Test
    void shouldLoadAChatWithItsLastMessagesOldestFirstForItsOwnerOnly() {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.of("Ideas"), Optional.of("openai"), Optional.of("gpt-4"), now);
        stores.dialogues().createChat(chat);
        Chat other = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), now);
        stores.dialogues().createChat(other);
        for (int i = 0; i < 5; i++) {
            // equal timestamps on purpose: the order of writing decides
            stores.messages().save(Message.user(UUID.randomUUID(), chat.ref(), "message " + i, now));
            stores.messages().save(Message.user(UUID.randomUUID(), other.ref(), "other " + i, now));
        }

        WithHistory<Chat> loaded = stores.dialogues().findChatWithHistory("alice", chat.id(), 3).orElseThrow();

        assertThat(loaded.dialogue()).isEqualTo(chat);
        assertThat(loaded.history()).extracting(Message::content).containsExactly("message 2", "message 3", "message 4");
        assertThat(loaded.history()).isEqualTo(stores.messages().recentMessages(chat.ref(), 3));
        assertThat(stores.dialogues().findChatWithHistory("alice", chat.id(), 100).orElseThrow().history()).hasSize(5);
        assertThat(stores.dialogues().findChatWithHistory("bob", chat.id(), 3)).isEmpty();
        assertThat(stores.dialogues().findChatWithHistory("alice", UUID.randomUUID(), 3)).isEmpty();
    }

    @Test
    void shouldLoadAConversationWithItsCharacterAndLastMessagesForItsOwnerOnly() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        Conversation conversation = conversation(alice);
        Message question = Message.user(UUID.randomUUID(), conversation.ref(), "Frage", now);
        Message answer = assistant(conversation.ref(), "Antwort", MessageStatus.INTERRUPTED,
                List.of(new Citation("doc-1:0", "passage", 0.9, UUID.randomUUID().toString(), 0)), now.plusSeconds(1));
        stores.messages().save(question);
        stores.messages().save(answer);

        WithHistory<Conversation> loaded = stores.dialogues().findConversationWithHistory("alice", conversation.id(), 10)
                .orElseThrow();

        assertThat(loaded.dialogue().character()).isEqualTo(alice);
        assertThat(loaded.dialogue().id()).isEqualTo(conversation.id());
        assertThat(loaded.history()).containsExactly(question, answer);
        assertThat(stores.dialogues().findConversationWithHistory("bob", conversation.id(), 10)).isEmpty();
        assertThat(stores.dialogues().findConversationWithHistory("alice", UUID.randomUUID(), 10)).isEmpty();
    }

    @Test
    void shouldLoadADialogueWithAnEmptyHistoryWhenItHasNoMessagesOrNoneAreAskedFor() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        Conversation conversation = conversation(alice);
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), now);
        stores.dialogues().createChat(chat);
        stores.messages().save(Message.user(UUID.randomUUID(), chat.ref(), "hello", now));

        assertThat(stores.dialogues().findConversationWithHistory("alice", conversation.id(), 10).orElseThrow().history())
                .isEmpty();
        assertThat(stores.dialogues().findChatWithHistory("alice", chat.id(), 0).orElseThrow())
                .isEqualTo(new WithHistory<>(chat, List.of()));
        assertThat(stores.dialogues().findConversationWithHistory("alice", conversation.id(), 0).orElseThrow().dialogue()
                .character()).isEqualTo(alice);
    }

    @Test
    void shouldReturnTheLastMessagesOldestFirst() {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), now);
        stores.dialogues().createChat(chat);
        for (int i = 0; i < 5; i++) {
            // equal timestamps on purpose: the order of writing decides
            stores.messages().save(Message.user(UUID.randomUUID(), chat.ref(), "message " + i, now));
        }

        assertThat(stores.messages().recentMessages(chat.ref(), 3)).extracting(Message::content)
                .containsExactly("message 2", "message 3", "message 4");
        assertThat(stores.messages().recentMessages(chat.ref(), 100)).hasSize(5);
    }

    @Test
    void shouldKeepEveryFieldOfAPartialAnswerWithItsStatusAndCitations() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        Conversation conversation = conversation(alice);
        List<Citation> citations = List.of(new Citation("doc-1:0", "KI ist ...", 0.93, UUID.randomUUID().toString(), 0,
                        "KI-Glossar", 0.81, 2, Optional.of(0.97)),
                new Citation("doc-1:3", "Maschinelles Lernen ...", 0.41, UUID.randomUUID().toString(), 3));
        Message failed = assistant(conversation.ref(), "KI steht für Künst", MessageStatus.FAILED, citations, now);

        stores.messages().save(failed);

        assertThat(stores.messages().recentMessages(conversation.ref(), 10)).containsExactly(failed);
    }

    @Test
    void shouldStoreAnswersOfEveryStatus() {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), now);
        stores.dialogues().createChat(chat);
        List<Message> saved = new java.util.ArrayList<>();
        for (MessageStatus status : MessageStatus.values()) {
            Message answer = assistant(chat.ref(), "answer " + status.wireName(), status, List.of(), now.plusSeconds(saved.size()));
            stores.messages().save(answer);
            saved.add(answer);
        }

        assertThat(stores.messages().recentMessages(chat.ref(), 10)).containsExactlyElementsOf(saved);
    }

    @Test
    void shouldReplaceAMessageSavedTwiceInsteadOfDuplicatingIt() {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), now);
        stores.dialogues().createChat(chat);
        Message first = assistant(chat.ref(), "partial", MessageStatus.INTERRUPTED, List.of(), now);
        Message again = new Message(first.id(), chat.ref(), MessageRole.ASSISTANT, "partial and more",
                MessageStatus.COMPLETE, List.of(), first.provider(), first.model(), first.usage(), Optional.empty(),
                now, first.finishedAt());

        stores.messages().save(first);
        stores.messages().save(first);
        stores.messages().save(again);

        assertThat(stores.messages().recentMessages(chat.ref(), 10)).containsExactly(again);
    }

    @Test
    void shouldKeepTheMessagesOfDialoguesApart() {
        Chat one = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), now);
        Chat two = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), now);
        stores.dialogues().createChat(one);
        stores.dialogues().createChat(two);
        stores.messages().save(Message.user(UUID.randomUUID(), one.ref(), "to one", now));

        assertThat(stores.messages().recentMessages(two.ref(), 10)).isEmpty();
        assertThat(stores.messages().recentMessages(one.ref(), 10)).extracting(Message::content).containsExactly("to one");
    }

    @Test
    void shouldStoreListAndDeleteDocumentsPerOwner() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        KnowledgeDocument document = new KnowledgeDocument(UUID.randomUUID(), "alice", alice.id(), "assistant",
                "KI-Grundlagen", "text/markdown", 2048, 7, now);

        stores.documents().save(document);

        assertThat(stores.documents().find("alice", document.id())).contains(document);
        assertThat(stores.documents().find("bob", document.id())).isEmpty();
        assertThat(stores.documents().listByCharacter("alice", alice.id())).containsExactly(document);
        assertThat(stores.documents().delete("bob", document.id())).isFalse();
        assertThat(stores.documents().delete("alice", document.id())).isTrue();
        assertThat(stores.documents().find("alice", document.id())).isEmpty();
    }

    @Test
    void shouldDeleteACharacterWithItsConversationsMessagesAndDocuments() {
        Character alice = character("alice", "assistant");
        stores.characters().create(alice);
        Conversation conversation = conversation(alice);
        stores.messages().save(Message.user(UUID.randomUUID(), conversation.ref(), "hello", now));
        KnowledgeDocument document = new KnowledgeDocument(UUID.randomUUID(), "alice", alice.id(), "assistant",
                "Doc", "text/plain", 10, 1, now);
        stores.documents().save(document);

        assertThat(stores.characters().delete("alice", alice.id())).isTrue();

        assertThat(stores.characters().findById("alice", alice.id())).isEmpty();
        assertThat(stores.dialogues().findConversation("alice", conversation.id())).isEmpty();
        assertThat(stores.messages().recentMessages(conversation.ref(), 10)).isEmpty();
        assertThat(stores.documents().find("alice", document.id())).isEmpty();
    }
}
