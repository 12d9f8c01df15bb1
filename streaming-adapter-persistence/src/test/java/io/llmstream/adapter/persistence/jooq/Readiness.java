package io.llmstream.adapter.persistence.jooq;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

/** Waits, bounded, for the pool to reconnect after a fault (HikariCP refills it in the background). */
final class Readiness {

    private Readiness() {
    }

    static void awaitReady(JooqPersistence persistence, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!persistence.ping()) {
            if (System.nanoTime() > deadline) {
                fail("the database did not answer again within " + atMost);
            }
            Thread.sleep(100);
        }
    }
}
