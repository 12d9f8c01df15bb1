package io.llmstream.testkit;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.Characters;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.KnowledgeDocuments;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StoreException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store implementing every persistence port ({@link #documents()} is the
 * {@link KnowledgeDocuments}, as its {@code delete} would clash with the character repository's), thread-safe. Besides storing, it can fail
 * or slow down its writes on demand and records every save in order, so tests can check what the core
 * persisted and when.
 */
public final class InMemoryStore implements MessageStore, Characters, Dialogues {

    private final Map<UUID, Character> characters = new LinkedHashMap<>();
    private final Map<UUID, Conversation> conversations = new LinkedHashMap<>();
    private final Map<UUID, Chat> chats = new LinkedHashMap<>();
    private final Map<UUID, KnowledgeDocument> documents = new LinkedHashMap<>();
    private final Map<UUID, Message> messages = new LinkedHashMap<>();
    private final List<Message> saveLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger failingSaves = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean unreadableHistory;
    private volatile Duration saveDelay = Duration.ZERO;

    // ---- test controls ----

    /** The next {@code count} saves throw {@link StoreException}. */
    public InMemoryStore failNextSaves(int count) {
        failingSaves.set(count);
        return this;
    }

    /** While down, every method throws {@link StoreException}, as a database that went away. */
    public InMemoryStore down(boolean isDown) {
        this.down = isDown;
        return this;
    }

    /**
     * While set, reading a dialogue with its history fails with an {@link IllegalStateException}, as a database
     * whose message rows cannot be read back; the dialogue alone can still be read.
     */
    public InMemoryStore unreadableHistory(boolean unreadable) {
        this.unreadableHistory = unreadable;
        return this;
    }

    /** Every save takes this long, as a slow database. */
    public InMemoryStore slowSaves(Duration delay) {
        this.saveDelay = delay;
        return this;
    }

    /** Every successful save, in the order it happened. */
    public List<Message> saveLog() {
        return List.copyOf(saveLog);
    }

    /** The stored messages of a dialogue, oldest first. */
    public synchronized List<Message> messagesOf(DialogueRef dialogue) {
        return messages.values().stream().filter(m -> m.dialogue().equals(dialogue)).toList();
    }

    // ---- MessageStore ----

    @Override
    public synchronized List<Message> recentMessages(DialogueRef dialogue, int limit) {
        check();
        List<Message> all = messagesOf(dialogue);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public void save(Message message) {
        Duration delay = saveDelay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while saving message " + message.id(), e);
            }
        }
        synchronized (this) {
            check();
            if (failingSaves.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new StoreException("simulated write failure for message " + message.id());
            }
            messages.put(message.id(), message);
            saveLog.add(message);
        }
    }

    // ---- Characters ----

    @Override
    public synchronized SaveResult create(Character character) {
        check();
        if (roleTaken(character)) {
            return SaveResult.ROLE_TAKEN;
        }
        characters.put(character.id(), character);
        return SaveResult.SAVED;
    }

    @Override
    public synchronized SaveResult update(Character character) {
        check();
        Character existing = characters.get(character.id());
        if (existing == null || !existing.owner().equals(character.owner())) {
            return SaveResult.NOT_FOUND;
        }
        if (roleTaken(character)) {
            return SaveResult.ROLE_TAKEN;
        }
        characters.put(character.id(), new Character(character.id(), character.owner(), character.role(),
                character.agent(), character.systemPrompt(), character.defaultProvider(), character.defaultModel(),
                character.voiceId(), character.voiceModel(), character.customParameters(), existing.createdAt()));
        return SaveResult.SAVED;
    }

    private boolean roleTaken(Character character) {
        return characters.values().stream().anyMatch(c -> c.owner().equals(character.owner())
                && c.role().equals(character.role()) && !c.id().equals(character.id()));
    }

    @Override
    public synchronized Optional<Character> findByRole(String owner, String role) {
        check();
        return characters.values().stream().filter(c -> c.owner().equals(owner) && c.role().equals(role)).findFirst();
    }

    @Override
    public synchronized Optional<Character> findById(String owner, UUID id) {
        check();
        return Optional.ofNullable(characters.get(id)).filter(c -> c.owner().equals(owner));
    }

    @Override
    public synchronized List<Character> list(String owner) {
        check();
        return characters.values().stream().filter(c -> c.owner().equals(owner))
                .sorted(Comparator.comparing(Character::role)).toList();
    }

    @Override
    public synchronized boolean delete(String owner, UUID id) {
        check();
        if (findById(owner, id).isEmpty()) {
            return false;
        }
        characters.remove(id);
        List<UUID> threads = conversations.values().stream().filter(c -> c.character().id().equals(id))
                .map(Conversation::id).toList();
        threads.forEach(conversations::remove);
        messages.values().removeIf(m -> threads.contains(m.dialogue().id()));
        documents.values().removeIf(d -> d.characterId().equals(id));
        return true;
    }

    // ---- Dialogues ----

    @Override
    public synchronized void createConversation(Conversation conversation) {
        check();
        if (!characters.containsKey(conversation.character().id())) {
            throw new StoreException("character " + conversation.character().id() + " does not exist");
        }
        conversations.put(conversation.id(), conversation);
    }

    @Override
    public synchronized List<Conversation> listConversations(String owner, int limit) {
        check();
        return conversations.values().stream().filter(c -> c.owner().equals(owner))
                .sorted(Comparator.comparing(Conversation::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized void createChat(Chat chat) {
        check();
        chats.put(chat.id(), chat);
    }

    @Override
    public synchronized Optional<Conversation> findConversation(String owner, UUID threadId) {
        check();
        return Optional.ofNullable(conversations.get(threadId)).filter(c -> c.owner().equals(owner))
                .map(c -> new Conversation(c.id(), c.owner(), characters.getOrDefault(c.character().id(), c.character()),
                        c.createdAt()));
    }

    @Override
    public synchronized Optional<WithHistory<Conversation>> findConversationWithHistory(String owner, UUID threadId,
            int historyLimit) {
        return findConversation(owner, threadId).map(c -> new WithHistory<>(c, history(c.ref(), historyLimit)));
    }

    @Override
    public synchronized Optional<Chat> findChat(String owner, UUID chatId) {
        check();
        return Optional.ofNullable(chats.get(chatId)).filter(c -> c.owner().equals(owner));
    }

    @Override
    public synchronized Optional<WithHistory<Chat>> findChatWithHistory(String owner, UUID chatId, int historyLimit) {
        return findChat(owner, chatId).map(c -> new WithHistory<>(c, history(c.ref(), historyLimit)));
    }

    private List<Message> history(DialogueRef dialogue, int limit) {
        if (unreadableHistory) {
            throw new IllegalStateException("simulated unreadable message in " + dialogue);
        }
        return limit < 1 ? List.of() : recentMessages(dialogue, limit);
    }

    // ---- KnowledgeDocuments ----

    private final KnowledgeDocuments documentRepository = new Documents();

    /** The document records, sharing this store's state (deleting a character deletes its documents). */
    public KnowledgeDocuments documents() {
        return documentRepository;
    }

    private final class Documents implements KnowledgeDocuments {

        @Override
        public void save(KnowledgeDocument document) {
            synchronized (InMemoryStore.this) {
                check();
                documents.put(document.id(), document);
            }
        }

        @Override
        public Optional<KnowledgeDocument> find(String owner, UUID id) {
            synchronized (InMemoryStore.this) {
                check();
                return Optional.ofNullable(documents.get(id)).filter(d -> d.owner().equals(owner));
            }
        }

        @Override
        public List<KnowledgeDocument> listByCharacter(String owner, UUID characterId) {
            synchronized (InMemoryStore.this) {
                check();
                return documents.values().stream()
                        .filter(d -> d.owner().equals(owner) && d.characterId().equals(characterId)).toList();
            }
        }

        @Override
        public boolean delete(String owner, UUID id) {
            synchronized (InMemoryStore.this) {
                check();
                return find(owner, id).map(d -> documents.remove(id) != null).orElse(false);
            }
        }
    }

    private void check() {
        if (down) {
            throw new StoreException("simulated outage: the store is down");
        }
    }
}
