package dev.steward.workflows.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What a Temporal Schedule starts when one of an agent's schedules fires: it tells the agent, whose
 * own rules (pause, inbox policy, merging with a firing that still waits) decide what happens.
 */
@WorkflowInterface
public interface ScheduleWakeWorkflow {

  /** Signals the agent {@code scheduleFired}; returns what became of the wake-up. */
  @WorkflowMethod(name = ScheduleActivities.WAKE_WORKFLOW_TYPE)
  String wake(String agentId, String scheduleName);
}
