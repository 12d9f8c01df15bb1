package io.llmstream.bench;

/**
 * Resource figures of the service process in one scenario. Heap and RSS "base" are after a full GC with
 * no stream open; "idle" after a full GC with all streams open and waiting for their first token;
 * "active" the largest value sampled (without forcing a GC) while streams were running, and
 * {@code activeLiveHeap} after a full GC half-way through, when the scenario asks for it (else -1). CPU is the whole
 * process's during the run; {@code jitCpuSeconds} and {@code gcCpuSeconds} the part of it used by the JIT compiler
 * threads and by the GC and VM threads (lower bounds: threads that ended during the run are not counted).
 * {@code dbReads} and {@code dbWrites}: statements the service sent to its database during the run (each one round
 * trip), from its {@code llmstream_persistence_statements_total} counter; NaN when it has none.
 */
record ServiceFigures(double cpuSeconds, double systemCpuSeconds, double jitCpuSeconds, double gcCpuSeconds, long baseHeap, long baseRss, long idleHeap, long idleRss,
                      long activeHeapMax, long activeRssMax, long activeLiveHeap, long activeLiveRss,
                      long maxThreads, long maxOpenFiles, double dbReads, double dbWrites) {
}
