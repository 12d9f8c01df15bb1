package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Owners;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Creates an owner's row on the owner's first write; the rows they own reference it. */
final class OwnerRows {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Clock clock;

    OwnerRows(Clock clock) {
        this.clock = clock;
    }

    void ensure(DSLContext db, String owner) {
        try {
            db.insertInto(Owners.TABLE)
                    .columns(Owners.ID, Owners.CREATED_AT)
                    .values(owner, clock.instant())
                    .onConflict(Owners.ID)
                    .doNothing()
                    .execute();
        } catch (DataAccessException e) {
            // H2 runs ON CONFLICT DO NOTHING as a MERGE, which is not atomic: a concurrent first write of the
            // same owner inserts the row between its check and its insert. The row exists, which is all we need.
            if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
        }
    }
}
