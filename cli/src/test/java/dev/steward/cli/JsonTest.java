package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.model.TokenUsage;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void aTurnOutcomeKeepsEveryFieldForScriptsThoughTheHistoryLeavesDefaultsOut() {
    String json = Json.write(new TurnOutcome(3, TurnOutcome.Status.COMPLETED, "done", null, new TokenUsage(10, 2, 0), 0));

    assertThat(json).contains("\"error\" : null").contains("\"costUsd\" : 0.0").contains("\"cachedInputTokens\" : 0");
  }
}
