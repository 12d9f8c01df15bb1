package io.llmstream.core.usecase;

import java.util.Objects;
import java.util.Optional;

/** Validation shared by the command records. */
final class Commands {

    /** The core's own ceiling; the HTTP adapter enforces a (usually lower) configurable limit first. */
    static final int MAX_MESSAGE_LENGTH = 1_000_000;

    private Commands() {
    }

    static void owner(String owner) {
        Objects.requireNonNull(owner, "owner is required");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
    }

    static void message(String message) {
        Objects.requireNonNull(message, "message is required");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException(
                    "message must be at most " + MAX_MESSAGE_LENGTH + " characters, was " + message.length());
        }
    }

    /** Why a named provider cannot be used, or empty when none is named or it is configured. */
    static Optional<String> unknownProvider(Optional<String> provider, java.util.Set<String> configured) {
        if (provider.isEmpty() || configured.contains(provider.get())) {
            return Optional.empty();
        }
        return Optional.of("unknown provider '" + provider.get() + "'; configured providers: "
                + String.join(", ", configured.stream().sorted().toList()));
    }

    static Optional<String> optional(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }
}
