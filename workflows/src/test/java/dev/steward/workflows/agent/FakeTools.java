package dev.steward.workflows.agent;

import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.activity.Activity;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Tools for workflow tests: each call is recorded and answered by the test's function. */
final class FakeTools implements ToolActivities {

  final List<ToolInvocation> calls = new CopyOnWriteArrayList<>();
  private final Function<ToolInvocation, ToolResult> answer;

  FakeTools(Function<ToolInvocation, ToolResult> answer) {
    this.answer = answer;
  }

  static FakeTools named() {
    return new FakeTools(i -> ToolResult.ok(i.toolName() + " ok"));
  }

  @Override
  public ToolResult invoke(ToolInvocation call) {
    // The agent is the activity's workflow when the call does not name it, as the real activity reads it.
    ToolInvocation invocation = call.forAgent(Activity.getExecutionContext().getInfo().getWorkflowId());
    calls.add(invocation);
    return answer.apply(invocation);
  }
}
