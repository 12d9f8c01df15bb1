package io.llmstream.core.usecase;

import io.llmstream.core.port.StreamEventLog;
import io.llmstream.testkit.contract.StreamEventLogContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

class InMemoryStreamEventLogTest extends StreamEventLogContract {

    private static final Duration RETENTION = Duration.ofMinutes(5);

    private final MovableClock clock = new MovableClock();

    @Override
    protected StreamEventLog newLog(int maxEvents) {
        return new InMemoryStreamEventLog(RETENTION, maxEvents, clock);
    }

    @Override
    protected void letRetentionPass(StreamEventLog log, UUID streamId) {
        clock.now = clock.now.plus(RETENTION).plusMillis(1);
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
