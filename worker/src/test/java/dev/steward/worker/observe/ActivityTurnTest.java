package dev.steward.worker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.tools.ToolInvocation;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor.ActivityInput;
import io.temporal.common.interceptors.Header;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where an activity's log lines and span find the agent's turn: in the input of model and tool calls,
 * else in the {@code steward-turn} header (other activities, and calls scheduled by older releases).
 */
class ActivityTurnTest {

  private static final ToolInvocation TOOL_NOW = new ToolInvocation(null, "c1", "current_time", "{}", Map.of(), "run-1", 4);
  private static final ToolInvocation TOOL_BEFORE = new ToolInvocation("agent-a", "c1", "current_time", "{}", Map.of(), "run-1");

  @Test
  void modelAndToolCallsSayTheirTurnInTheirInput() {
    assertThat(ActivityObserver.turnOf(TOOL_NOW, input(TOOL_NOW, null))).isEqualTo(4);
    ModelRequest model = ModelRequest.byReference(5, 1, 9, "ab12", 0);
    assertThat(ActivityObserver.turnOf(model, input(model, null))).isEqualTo(5);
  }

  @Test
  void callsOfAnOlderReleaseAndOtherActivitiesFindItInTheHeader() {
    assertThat(ActivityObserver.turnOf(TOOL_BEFORE, input(TOOL_BEFORE, 7))).isEqualTo(7);
    assertThat(ActivityObserver.turnOf("segment", input("segment", 2))).isEqualTo(2);
    assertThat(ActivityObserver.turnOf("segment", input("segment", null))).isZero();
  }

  @Test
  void theWorkflowSendsTheHeaderOnlyToActivitiesWhoseInputLacksTheTurn() {
    assertThat(AgentWorkflowObserver.carriesTurn(new Object[] {TOOL_NOW})).isTrue();
    assertThat(AgentWorkflowObserver.carriesTurn(new Object[] {ModelRequest.byReference(5, 1, 9, "ab12", 0)})).isTrue();
    assertThat(AgentWorkflowObserver.carriesTurn(new Object[] {TOOL_BEFORE})).isFalse();
    assertThat(AgentWorkflowObserver.carriesTurn(new Object[] {"segment"})).isFalse();
    assertThat(AgentWorkflowObserver.carriesTurn(new Object[0])).isFalse();
  }

  private static ActivityInput input(Object argument, Integer headerTurn) {
    Map<String, io.temporal.api.common.v1.Payload> values = new HashMap<>();
    if (headerTurn != null) {
      values.put(AgentWorkflowObserver.TURN_HEADER, DefaultDataConverter.STANDARD_INSTANCE.toPayload(headerTurn).get());
    }
    return new ActivityInput(new Header(values), new Object[] {argument});
  }
}
