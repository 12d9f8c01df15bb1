package io.llmstream.bench;

/** Everything measured in one scenario; {@code direct} is null when the scenario has no direct comparison. */
record ScenarioResult(Scenario scenario, RunSummary direct, double directHarnessCpu, RunSummary service,
                      double serviceHarnessCpu, ServiceFigures figures, FakeUpstream.Counters upstreamAfter,
                      long upstreamActiveAfter) {
}
