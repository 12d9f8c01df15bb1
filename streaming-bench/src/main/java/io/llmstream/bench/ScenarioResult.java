package io.llmstream.bench;

/**
 * Everything measured in one scenario; {@code direct} is null when the scenario has no direct comparison,
 * {@code figures} when it did not run the idle phase, {@code retained} unless it measured retained ended streams,
 * {@code floor} when the floor was not measured. {@code alongside}: the CPU of the other processes that served the
 * measured run (a second node, Redis), empty when there were none.
 */
record ScenarioResult(Scenario scenario, RunSummary direct, double directHarnessCpu, RunSummary service,
                      double serviceHarnessCpu, ServiceFigures figures, FakeUpstream.Counters upstreamAfter,
                      long upstreamActiveAfter, int subscribers, RetainedFigures retained, Floor floor,
                      java.util.List<ProcessCpu> alongside) {

    ScenarioResult {
        alongside = java.util.List.copyOf(alongside);
    }

    /** CPU seconds a process beside the service used during the measured run. */
    record ProcessCpu(String name, double cpuSeconds) {
    }

    /** The same load through {@link BareRelay} in the same run (SSE, one subscriber): its figures and its CPU. */
    record Floor(RunSummary summary, double cpuSeconds) {
    }

    ScenarioResult withFloor(Floor measured) {
        return new ScenarioResult(scenario, direct, directHarnessCpu, service, serviceHarnessCpu, figures, upstreamAfter,
                upstreamActiveAfter, subscribers, retained, measured, alongside);
    }

    /**
     * Live heap before and after {@code streams} streams ran to their end (each after a full GC), and how many of a
     * sample of those streams the service still answered {@code GET /api/v1/streams/<id>/events} for with 200 at the end (410 once expired).
     */
    record RetainedFigures(int streams, long heapBefore, long heapAfter, int sampled, int stillKept, double secondsSinceFirstStart) {
    }
}
