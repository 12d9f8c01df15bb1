package io.llmstream.app;

import io.llmstream.adapter.persistence.jooq.JooqPersistence;
import io.llmstream.adapter.persistence.journal.JournalingMessageStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The message journal's backlog and refusals, and the statements sent to the database, as Prometheus series. */
final class PersistenceMetrics {

    private PersistenceMetrics() {
    }

    static void bind(MeterRegistry registry, JournalingMessageStore journal, JooqPersistence database) {
        Gauge.builder("llmstream.persistence.journal.backlog", journal, JournalingMessageStore::backlog)
                .description("writes kept in the journal until the database takes them").register(registry);
        Gauge.builder("llmstream.persistence.journal.bytes", journal, JournalingMessageStore::backlogBytes)
                .description("bytes the journal holds").baseUnit("bytes").register(registry);
        FunctionCounter.builder("llmstream.persistence.journal.refused", journal, JournalingMessageStore::refusedWhenFull)
                .description("writes refused because the journal was full while the database was unavailable").register(registry);
        FunctionCounter.builder("llmstream.persistence.statements", database, JooqPersistence::readStatements)
                .tag("kind", "read").description("statements sent to the database, one round trip each").register(registry);
        FunctionCounter.builder("llmstream.persistence.statements", database, JooqPersistence::writeStatements)
                .tag("kind", "write").description("statements sent to the database, one round trip each").register(registry);
    }
}
