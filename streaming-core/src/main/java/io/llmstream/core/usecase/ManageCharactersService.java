package io.llmstream.core.usecase;

import io.llmstream.core.model.Character;
import io.llmstream.core.port.Characters;
import io.llmstream.core.port.KnowledgeBase;
import io.llmstream.core.port.in.CharacterDraft;
import io.llmstream.core.port.in.Commands;
import io.llmstream.core.port.in.ManageCharacters;
import io.llmstream.core.port.in.Result;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** The {@link ManageCharacters} use case. */
final class ManageCharactersService implements ManageCharacters {

    private static final System.Logger LOG = System.getLogger(ManageCharacters.class.getName());

    private final Characters characters;
    private final KnowledgeBase index;
    private final Supplier<Set<String>> providers;
    private final Clock clock;

    ManageCharactersService(Characters characters, KnowledgeBase index, Supplier<Set<String>> providers, Clock clock) {
        this.characters = characters;
        this.index = index;
        this.providers = providers;
        this.clock = clock;
    }

    @Override
    public Result<Character> create(String owner, CharacterDraft draft) {
        Result<Character> built = build(owner, UUID.randomUUID(), draft);
        if (!(built instanceof Result.Ok<Character>(Character character))) {
            return built;
        }
        return switch (characters.create(character)) {
            case SAVED -> Result.ok(character);
            case ROLE_TAKEN -> new Result.Conflict<>("Character with role '" + character.role() + "' already exists");
            case NOT_FOUND -> new Result.NotFound<>("Character '" + character.id() + "' not found");
        };
    }

    @Override
    public Result<Character> update(String owner, UUID id, CharacterDraft draft) {
        Optional<Character> existing = characters.findById(owner, id);
        if (existing.isEmpty()) {
            return new Result.NotFound<>("Character '" + id + "' not found");
        }
        Result<Character> built = build(owner, id, draft);
        if (!(built instanceof Result.Ok<Character>(Character character))) {
            return built;
        }
        Character kept = new Character(id, owner, character.role(), character.agent(), character.systemPrompt(),
                character.defaultProvider(), character.defaultModel(), character.voiceId(), character.voiceModel(),
                character.customParameters(), existing.get().createdAt());
        return switch (characters.update(kept)) {
            case SAVED -> Result.ok(kept);
            case ROLE_TAKEN -> new Result.Conflict<>("Character with role '" + kept.role() + "' already exists");
            case NOT_FOUND -> new Result.NotFound<>("Character '" + id + "' not found");
        };
    }

    @Override
    public Optional<Character> byRole(String owner, String role) {
        return characters.findByRole(owner, role);
    }

    @Override
    public List<Character> list(String owner) {
        return characters.list(owner);
    }

    /** Deletes the character, its conversations and its knowledge base; false when there was none. */
    @Override
    public boolean delete(String owner, UUID id) {
        if (!characters.delete(owner, id)) {
            return false;
        }
        try {
            index.removeCharacter(id);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "removing the knowledge base of deleted character " + id + " from the index failed", e);
        }
        return true;
    }

    private Result<Character> build(String owner, UUID id, CharacterDraft draft) {
        Optional<String> unknown = Commands.unknownProvider(draft.defaultProvider(), providers.get());
        if (unknown.isPresent()) {
            return new Result.Invalid<>("provider", unknown.get());
        }
        try {
            return Result.ok(new Character(id, owner, draft.role(), draft.agent(), draft.systemPrompt(),
                    draft.defaultProvider(), draft.defaultModel(), draft.voiceId(), draft.voiceModel(),
                    draft.customParameters(), clock.instant()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Result.Invalid<>(fieldOf(e.getMessage()), e.getMessage());
        }
    }

    private static String fieldOf(String message) {
        return message == null ? "" : message.split(" ", 2)[0];
    }
}
