package io.llmstream.adapter.persistence.jooq;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Both databases keep microseconds; truncating before the write makes a read return what was written. */
final class Timestamps {

    private Timestamps() {
    }

    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
