package dev.steward.activities.messaging;

import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.messaging.DirectoryActivities;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import java.util.Optional;

/** Looks an agent up by asking it for its snapshot, through this worker's own Temporal client. */
public class DirectoryActivitiesImpl implements DirectoryActivities {

  @Override
  public Entry lookup(String agentId) {
    try {
      AgentSnapshot s = Activity.getExecutionContext().getWorkflowClient()
          .newUntypedWorkflowStub(agentId, Optional.empty(), Optional.empty())
          .query("snapshot", AgentSnapshot.class);
      return new Entry(s.status() != AgentStatus.STOPPED, s.tenant());
    } catch (WorkflowNotFoundException e) {
      return Entry.MISSING;
    } catch (WorkflowQueryException e) {
      // Not an agent (no snapshot query), or one that cannot answer: either way, not a peer.
      return Entry.MISSING;
    }
  }
}
