package io.llmstream.core.port.in;

import java.util.Objects;
import java.util.Optional;

/** Validation shared by the command records. */
public final class Commands {

    /** The core's own ceiling; the HTTP adapter enforces a (usually lower) configurable limit first. */
    public static final int MAX_MESSAGE_LENGTH = 1_000_000;

    private Commands() {
    }

    public static void owner(String owner) {
        Objects.requireNonNull(owner, "owner is required");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
    }

    public static void message(String message) {
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
    public static Optional<String> unknownProvider(Optional<String> provider, java.util.Set<String> configured) {
        if (provider.isEmpty() || configured.contains(provider.get())) {
            return Optional.empty();
        }
        return Optional.of("unknown provider '" + provider.get() + "'; configured providers: "
                + String.join(", ", configured.stream().sorted().toList()));
    }

    public static Optional<String> optional(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }
}
