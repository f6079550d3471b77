package dev.steward.workflows.agent;

import dev.steward.workflows.schedule.ScheduleActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/**
 * Brings the agent's Temporal Schedules in line with its {@link Scheduler}, or learns that the
 * server has none (the embedded one), in which case the agent's own timer fires them.
 */
final class TemporalSchedules {

  private final AgentWorkflowImpl agent;
  private final Scheduler scheduler;

  TemporalSchedules(AgentWorkflowImpl agent, Scheduler scheduler) {
    this.agent = agent;
    this.scheduler = scheduler;
  }

  /** Agents from before Temporal Schedules keep their timer loop and old schedule updates on replay. */
  static boolean enabled() {
    return Workflow.getVersion(ChangeIds.TEMPORAL_SCHEDULES, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** States the whole schedule set; on a server without Schedules this decides for the timer loop. */
  void sync() {
    if (scheduler.mode() == Scheduler.Mode.TIMER || !enabled()) {
      return;
    }
    ScheduleActivities.SyncResult result = call(scheduler.syncRequest(agent.agentId(), agent.tenant(), queue()));
    if (result == null) {
      scheduler.syncFailed();
    } else {
      scheduler.synced(result, agent.agentId());
    }
  }

  /** When the agent stops: a stopped agent's Temporal Schedules would only wake nobody. */
  void removeAll() {
    if (scheduler.mode() == Scheduler.Mode.TEMPORAL) {
      call(scheduler.removeAllRequest(agent.agentId(), agent.tenant(), queue()));
    }
  }

  /** Runs the activity; null (with a note) when it fails even after its retries. */
  private ScheduleActivities.SyncResult call(ScheduleActivities.SyncRequest request) {
    ActivityOptions options = ActivityOptions.newBuilder(ScheduleActivities.OPTIONS)
        .setSummary("schedules: " + request.wanted().size() + " kept, " + request.removed().size() + " removed")
        .build();
    try {
      return Workflow.newActivityStub(ScheduleActivities.class, options).sync(request);
    } catch (ActivityFailure e) {
      agent.journal().note(agent.turn(), "could not update the Temporal Schedules: " + Summarizer.describe(e)
          + (scheduler.mode() == Scheduler.Mode.TEMPORAL ? "; firings of paused or deleted schedules are ignored"
              : "; the agent's own timer fires its schedules"));
      return null;
    }
  }

  private static String queue() {
    return Workflow.getInfo().getTaskQueue();
  }
}
