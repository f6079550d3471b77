package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.workflows.spec.AgentSpec;
import org.junit.jupiter.api.Test;

/** Numbers the workflow adds to a clock or budgets with are refused in the file when they are absurd. */
class AgentFilesBoundsTest {

  private static final String FILE = "x.yaml";

  private static AgentFileException failure(String yaml) {
    return catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(yaml, FILE));
  }

  @Test
  void anApprovalTimeoutThatWouldOverflowTheClockIsRefused() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools: [http_get]
        approval: {tools: [http_get], timeout_seconds: 100000000000000000}
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":4:31: approval.timeout_seconds: is 100000000000000000; "
        + "must be between 1 and 31622400 seconds (366 days)");
  }

  @Test
  void aTurnMayLastAtMostAYear() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        limits:
          max_turn_seconds: 31622401
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":4:3: limits.max_turn_seconds: is 31622401; "
        + "must be between 0 and 31622400 seconds (366 days)");
  }

  @Test
  void numbersBeyondALongAreFarTooLarge() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        limits: {max_turn_seconds: 99999999999999999999999}
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":3:10: limits.max_turn_seconds: is far too large; "
        + "must be between 0 and 31622400 seconds (366 days)");
  }

  @Test
  void everyCallTimeoutIsAtMostADay() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted, timeout_seconds: 86401}
        fallbacks:
          - {provider: scripted, timeout_seconds: 0}
        memory:
          summarizer: {provider: scripted, timeout_seconds: 9999999999}
        mcp_servers:
          - {name: fs, command: [fs-server], timeout_seconds: 100000}
        http_tools:
          - {name: ticket, url: "https://api.example.com/t", timeout_seconds: 3000000000}
        openapi:
          - {name: api, document: missing.yaml, timeout_seconds: -5}
        tools:
          - {name: http_get, timeout_seconds: 86401}
          - {name: fs.*, timeout_seconds: 1000000}
          - ticket
        """);

    String range = "must be between 1 and 86400 seconds (24 hours)";
    assertThat(e.problems()).extracting(AgentFileProblem::toString).contains(
        FILE + ":2:29: model.timeout_seconds: is 86401; " + range,
        FILE + ":4:26: fallbacks[0].timeout_seconds: is 0; " + range,
        FILE + ":6:36: memory.summarizer.timeout_seconds: is 9999999999; " + range,
        FILE + ":8:38: mcp_servers[0].timeout_seconds: is 100000; " + range,
        FILE + ":10:54: http_tools[0].timeout_seconds: is 3000000000; " + range,
        FILE + ":12:41: openapi[0].timeout_seconds: is -5; " + range,
        FILE + ":14:22: tools[0].timeout_seconds: is 86401; " + range,
        FILE + ":15:18: tools[1].timeout_seconds: is 1000000; " + range);
  }

  @Test
  void budgetsMayNotBeNegativeNaNOrAbsurd() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        limits:
          max_total_tokens: 1000000000001
          max_cost_usd: .nan
        """);

    assertThat(e.problems()).extracting(AgentFileProblem::toString).containsExactly(
        FILE + ":4:3: limits.max_total_tokens: is 1000000000001; must be between 0 and 1000000000000",
        FILE + ":5:3: limits.max_cost_usd: is .nan; must be between 0 and 1000000");
    assertThat(failure("name: x\nmodel: {provider: scripted}\nlimits: {max_cost_usd: -1}\n").reason())
        .isEqualTo("is -1; must be between 0 and 1000000");
    assertThat(failure("name: x\nmodel: {provider: scripted}\nlimits: {max_cost_usd: .inf}\n").reason())
        .isEqualTo("is .inf; must be between 0 and 1000000");
    assertThat(failure("name: x\nmodel: {provider: scripted}\nlimits: {max_total_tokens: -1}\n").reason())
        .isEqualTo("is -1; must be between 0 and 1000000000000");
  }

  @Test
  void theLargestSaneValuesAreAccepted() {
    AgentSpec spec = AgentFiles.parse("""
        name: x
        model: {provider: scripted, timeout_seconds: 86400}
        tools: [{name: http_get, timeout_seconds: 86400}]
        approval: {tools: [http_get], timeout_seconds: 31622400}
        limits: {max_turn_seconds: 31622400, max_total_tokens: 1000000000000, max_cost_usd: 1000000}
        """, FILE);

    assertThat(spec.approval().timeoutSeconds()).isEqualTo(31_622_400L);
    assertThat(spec.limits().maxTurnSeconds()).isEqualTo(31_622_400L);
    assertThat(spec.limits().maxTotalTokens()).isEqualTo(1_000_000_000_000L);
    assertThat(spec.model().timeoutSeconds()).isEqualTo(86_400);
  }
}
