package io.llmstream.adapter.persistence.jooq;

import io.llmstream.core.port.StoreException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/** Turns jOOQ's exceptions into the port's {@link StoreException}, keeping SQL and bind values out of the message. */
final class StoreFailures {

    private static final String UNIQUE_VIOLATION = "23505";

    private StoreFailures() {
    }

    static <T> T translate(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    static void run(String action, Runnable work) {
        translate(action, () -> {
            work.run();
            return null;
        });
    }

    static StoreException failure(String action, DataAccessException e) {
        return new StoreException("could not " + action + " (SQL state " + e.sqlState() + ")", e);
    }

    static boolean isUniqueViolation(DataAccessException e) {
        return UNIQUE_VIOLATION.equals(e.sqlState());
    }
}
