package dev.steward.workflows.schedule;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Wakes the agent. When the agent no longer exists (stopped, or terminated without cleaning up),
 * the schedule that started this run is an orphan and is deleted, so it stops firing.
 */
public class ScheduleWakeWorkflowImpl implements ScheduleWakeWorkflow {

  /** The agent's signal for a firing of one of its Temporal Schedules. */
  public static final String SIGNAL = "scheduleFired";

  @Override
  public String wake(String agentId, String scheduleName) {
    try {
      Workflow.newUntypedExternalWorkflowStub(agentId).signal(SIGNAL, scheduleName);
      return "woke " + agentId + " for schedule " + scheduleName;
    } catch (SignalExternalWorkflowException | TemporalFailure e) {
      // The agent is not there (NOT_FOUND) or has ended.
      ScheduleActivities schedules = Workflow.newActivityStub(ScheduleActivities.class,
          ActivityOptions.newBuilder(ScheduleActivities.OPTIONS).setSummary("delete orphan schedule " + scheduleName)
              .build());
      schedules.sync(new ScheduleActivities.SyncRequest(agentId, null, Workflow.getInfo().getTaskQueue(), List.of(),
          List.of(scheduleName)));
      return "agent " + agentId + " is gone; deleted its schedule " + scheduleName;
    }
  }
}
