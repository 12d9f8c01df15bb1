package io.llmstream.core.port.in;

/**
 * Outcome of a management use case: the value, or why there is none. Expected outcomes are results,
 * not exceptions; the HTTP adapter maps them to 200/201, 404, 409 and 400.
 */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {
    }

    /** Something the request names does not exist for this owner. */
    record NotFound<T>(String message) implements Result<T> {
    }

    /** The request clashes with existing data, e.g. a role name already taken. */
    record Conflict<T>(String message) implements Result<T> {
    }

    /** The request is invalid; {@code field} names what was wrong. */
    record Invalid<T>(String field, String message) implements Result<T> {
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }
}
