package dev.steward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every scenario of the benchmark runs end to end, on both sides, at the smallest size. Measures
 * nothing and asserts no timing: the figures of a smoke run mean nothing.
 */
class BenchSmokeTest {

  @Test
  void everyScenarioRunsOnBothSides() throws Exception {
    String report = BenchMain.run("inproc", Sizes.SMOKE, "smoke");

    System.out.println(report);
    assertThat(report).contains(Scenarios.TURN.name(), Scenarios.FIRST_P50.name(), Scenarios.THROUGHPUT.name(),
        Scenarios.HISTORY.name(), Scenarios.HEAP.name(), Scenarios.WAKE.name());
    assertThat(report).contains("| worker | PollWorkflowTaskQueue |", "| worker | RespondWorkflowTaskCompleted |");
  }
}
