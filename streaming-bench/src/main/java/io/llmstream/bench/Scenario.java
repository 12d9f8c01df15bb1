package io.llmstream.bench;

/**
 * One measured situation: the load, how the fake upstream answers, and how the service is set up.
 * {@code dbDelayMillis} below 0 means the embedded H2 database; otherwise PostgreSQL behind a
 * {@link DelayProxy} delaying each direction by that many milliseconds. {@code retainedHeap}: instead of the idle
 * phase and the latency run, run the streams to their end and measure the live heap they leave behind (the
 * service keeps an ended stream's events for resume).
 */
record Scenario(String name, String title, int streams, long rampMillis, int tokens, double tokensPerSecond,
                long ttftMillis, double jitter, double disconnectFraction, long dbDelayMillis, boolean compareDirect,
                boolean throughService, boolean activeGc, boolean retainedHeap) {

    Scenario(String name, String title, int streams, long rampMillis, int tokens, double tokensPerSecond,
             long ttftMillis, double jitter, double disconnectFraction, long dbDelayMillis, boolean compareDirect,
             boolean throughService, boolean activeGc) {
        this(name, title, streams, rampMillis, tokens, tokensPerSecond, ttftMillis, jitter, disconnectFraction,
                dbDelayMillis, compareDirect, throughService, activeGc, false);
    }

    Scenario {
        if (name == null || name.isBlank() || streams < 1 || tokens < 1 || tokensPerSecond <= 0) {
            throw new IllegalArgumentException("bad scenario " + name);
        }
    }

    /** Seconds one stream takes at the upstream once it started: time to first token plus its tokens. */
    double streamSeconds() {
        return ttftMillis / 1000.0 + tokens / tokensPerSecond;
    }

    Scenario withStreams(String newName, int value, long ramp) {
        return new Scenario(newName, title, value, ramp, tokens, tokensPerSecond, ttftMillis, jitter, disconnectFraction,
                dbDelayMillis, compareDirect, throughService, activeGc, retainedHeap);
    }

    Scenario renamed(String newName, String newTitle) {
        return new Scenario(newName, newTitle, streams, rampMillis, tokens, tokensPerSecond, ttftMillis, jitter,
                disconnectFraction, dbDelayMillis, compareDirect, throughService, activeGc, retainedHeap);
    }
}
