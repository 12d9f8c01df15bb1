package io.llmstream.core.usecase;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.port.Characters;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.in.ManageConversations;
import io.llmstream.core.port.in.Result;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@link ManageConversations} use case. */
final class ManageConversationsService implements ManageConversations {

    static final int MAX_MESSAGES_READ = 10_000;

    private final Characters characters;
    private final Dialogues dialogues;
    private final MessageStore store;
    private final Clock clock;

    ManageConversationsService(Characters characters, Dialogues dialogues, MessageStore store, Clock clock) {
        this.characters = characters;
        this.dialogues = dialogues;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Result<Conversation> start(String owner, String role) {
        Optional<Character> character = characters.findByRole(owner, role);
        if (character.isEmpty()) {
            return new Result.NotFound<>("Character with role '" + role + "' not found");
        }
        Conversation conversation = new Conversation(UUID.randomUUID(), owner, character.get(), clock.instant());
        dialogues.createConversation(conversation);
        return Result.ok(conversation);
    }

    @Override
    public List<Conversation> list(String owner, int limit) {
        return dialogues.listConversations(owner, limit);
    }

    /**
     * Two reads on purpose, unlike a chat's: {@link Dialogues#findConversationWithHistory} returns the
     * conversation's and its character's columns beside every message (31 columns a row against 16), which for up to
     * {@value #MAX_MESSAGES_READ} messages costs more than the round trip it saves: ×1.5–1.6 at 2,000 messages on H2
     * and PostgreSQL (measured in {@code docs/benchmarks.md}, {@code ConversationReadBenchmark}).
     */
    @Override
    public Optional<ThreadView> read(String owner, UUID threadId) {
        return dialogues.findConversation(owner, threadId)
                .map(c -> new ThreadView(c, store.recentMessages(c.ref(), MAX_MESSAGES_READ)));
    }
}
