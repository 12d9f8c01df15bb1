package io.llmstream.core.model;

import java.util.Objects;
import java.util.Optional;

/** Validation helpers for the compact constructors of the model's records. */
final class Checks {

    private Checks() {
    }

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static String notBlank(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static String maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    /** Normalises an optional text: {@code null} or blank becomes empty. */
    static Optional<String> optionalText(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }

    static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }
}
