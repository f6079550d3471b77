package dev.steward.workflows.agent;

import dev.steward.workflows.messaging.DirectoryActivities;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/** The agent directory for workflow tests: asks the agent for its snapshot, as the real one does. */
final class FakeDirectory implements DirectoryActivities {

  @Override
  public Entry lookup(String agentId) {
    try {
      AgentSnapshot s = Activity.getExecutionContext().getWorkflowClient()
          .newUntypedWorkflowStub(agentId, Optional.empty(), Optional.empty()).query("snapshot", AgentSnapshot.class);
      return new Entry(s.status() != AgentStatus.STOPPED, s.tenant());
    } catch (WorkflowNotFoundException e) {
      return Entry.MISSING;
    }
  }
}
