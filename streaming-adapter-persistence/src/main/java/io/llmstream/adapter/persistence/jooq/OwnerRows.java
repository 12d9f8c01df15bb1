package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Owners;
import java.time.Clock;
import org.jooq.DSLContext;

/** Creates an owner's row on the owner's first write; the rows they own reference it. */
final class OwnerRows {

    private final Clock clock;

    OwnerRows(Clock clock) {
        this.clock = clock;
    }

    void ensure(DSLContext db, String owner) {
        db.insertInto(Owners.TABLE)
                .columns(Owners.ID, Owners.CREATED_AT)
                .values(owner, clock.instant())
                .onConflict(Owners.ID)
                .doNothing()
                .execute();
    }
}
