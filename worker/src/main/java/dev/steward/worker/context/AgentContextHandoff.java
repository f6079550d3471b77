package dev.steward.worker.context;

import dev.steward.activities.context.ModelContextHandoff;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.model.ModelRequest;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.util.Set;

/**
 * One agent's side of the {@link ModelContextHandoff}: when the agent schedules a {@code Model}
 * activity whose context travels by reference, it puts the view the agent's {@code modelContext}
 * query would answer now (a pure read of the agent's state, as the query is) under the activity's
 * id; and after a signal or update that may change what the model sees, it drops the views of that
 * run not yet taken, so their activities ask the agent. Adds no command and does nothing on replay.
 * Workflows that are not agents pass through untouched.
 */
final class AgentContextHandoff extends WorkflowInboundCallsInterceptorBase {

  /** The activity type of {@code ModelActivities.complete}. */
  static final String MODEL_ACTIVITY = "Model";

  /**
   * Handlers that leave the model's context as it is: they only queue messages, set flags, or
   * append after the position a scheduled call reads up to. Any other handler (a memory edit, a
   * rewind, a spec update, and any handler added later) drops the run's views.
   */
  static final Set<String> KEEP_CONTEXT = Set.of("send", "ask", "stop", "agentReply", "scheduleFired");

  private final ModelContextHandoff handoff;

  AgentContextHandoff(WorkflowInboundCallsInterceptor next, ModelContextHandoff handoff) {
    super(next);
    this.handoff = handoff;
  }

  @Override
  public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
    super.init(new Outbound(outboundCalls));
  }

  @Override
  public void handleSignal(SignalInput input) {
    try {
      super.handleSignal(input);
    } finally {
      forgetUnlessKept(input.getSignalName());
    }
  }

  @Override
  public UpdateOutput executeUpdate(UpdateInput input) {
    try {
      return super.executeUpdate(input);
    } finally {
      forgetUnlessKept(input.getUpdateName());
    }
  }

  // After the handler: whatever it changed, views put before it are gone, and later ones see it.
  private void forgetUnlessKept(String handler) {
    if (!KEEP_CONTEXT.contains(handler) && !WorkflowUnsafe.isReplaying()) {
      WorkflowInfo info = Workflow.getInfo();
      handoff.forgetRun(info.getWorkflowId(), info.getRunId());
    }
  }

  /** Puts the context of each model call the agent schedules. */
  private final class Outbound extends WorkflowOutboundCallsInterceptorBase {

    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      ActivityOutput<R> output = super.executeActivity(input);
      // The command goes to the server when this workflow task completes, so the view is here
      // before any worker can start the activity.
      if (MODEL_ACTIVITY.equals(input.getActivityName()) && input.getArgs().length == 1
          && input.getArgs()[0] instanceof ModelRequest request && request.contextSeq() > 0
          && !WorkflowUnsafe.isReplaying() && Workflow.getInstance() instanceof AgentWorkflow agent) {
        try {
          WorkflowInfo info = Workflow.getInfo();
          handoff.put(new ModelContextHandoff.Key(info.getWorkflowId(), info.getRunId(), output.getActivityId(),
              request.contextSeq()), agent.modelContext(request.contextSeq()));
        } catch (RuntimeException e) {
          // Never fail a workflow task for a cache: without the view, the activity queries.
        }
      }
      return output;
    }
  }
}
