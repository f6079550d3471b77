package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.tools.ToolInvocation;
import io.temporal.client.WorkflowStub;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An agent id started again after a stop is a new life of the agent: its call ids start from the
 * same numbers, so only the incarnation in the idempotency key keeps a server from taking its calls
 * for repeats of the old ones.
 */
class IdempotencyKeyIncarnationTest {

  private static final ToolCall TIME = new ToolCall("c1", "current_time", "{}");

  @Test
  void aReusedAgentIdNeverRepeatsAnIdempotencyKey() {
    FakeTools tools = FakeTools.named();
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(TIME), tools)) {
      String firstRun = lifeOf(kit, "a-reborn");
      String secondRun = lifeOf(kit, "a-reborn");

      assertThat(tools.calls).extracting(ToolInvocation::callId).containsExactly("c1", "c1");
      List<String> keys = tools.calls.stream().map(ToolInvocation::idempotencyKey).toList();
      assertThat(keys).doesNotHaveDuplicates()
          .containsExactly("a-reborn/" + firstRun + "/c1", "a-reborn/" + secondRun + "/c1");
    }
  }

  /** Starts the agent, lets it call its tool once, stops it; returns the run id of its start. */
  private static String lifeOf(AgentTestKit kit, String id) {
    AgentWorkflow agent = kit.start(id, spec("current_time"));
    String runId = WorkflowStub.fromTyped(agent).getExecution().getRunId();
    agent.ask(UserMessage.of("what time is it?"));
    agent.stop("done");
    kit.untyped(id).getResult(AgentResult.class);
    return runId;
  }
}
