package io.llmstream.adapter.persistence.jooq;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells HikariCP to drop a connection whose embedded database was closed under it. HikariCP evicts on
 * the standard "connection lost" states (08xxx) by itself, but H2 reports a closed database with codes
 * of its own; without this the pool would keep handing out a dead connection while it is in use.
 */
final class H2ConnectionLoss implements SQLExceptionOverride {

    /** H2's error codes: database closed, called at shutdown, connection broken, I/O error. */
    private static final Set<Integer> LOST = Set.of(90098, 90121, 90067, 90028);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return LOST.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
