package dev.steward.workflows.agent.schedules;

import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.schedule.ScheduleActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Consumer;

/**
 * Brings the agent's Temporal Schedules in line with its {@link Scheduler}, or learns that the
 * server has none (the embedded one), in which case the agent's own timer fires them.
 */
public final class TemporalSchedules {

  private final String agentId;
  private final String tenant;
  private final Scheduler scheduler;
  /** Writes a note into the agent's transcript at its current turn. */
  private final Consumer<String> note;

  public TemporalSchedules(String agentId, String tenant, Scheduler scheduler, Consumer<String> note) {
    this.agentId = agentId;
    this.tenant = tenant;
    this.scheduler = scheduler;
    this.note = note;
  }

  /** Agents from before Temporal Schedules keep their timer loop and old schedule updates on replay. */
  public static boolean enabled() {
    return Versions.atLeast(ChangeIds.TEMPORAL_SCHEDULES, 1);
  }

  /** States the whole schedule set; on a server without Schedules this decides for the timer loop. */
  public void sync() {
    if (scheduler.mode() == Scheduler.Mode.TIMER || !enabled()) {
      return;
    }
    ScheduleActivities.SyncResult result = call(scheduler.syncRequest(agentId, tenant, queue()));
    if (result == null) {
      scheduler.syncFailed();
    } else {
      scheduler.synced(result, agentId);
    }
  }

  /** When the agent stops: a stopped agent's Temporal Schedules would only wake nobody. */
  public void removeAll() {
    if (scheduler.mode() == Scheduler.Mode.TEMPORAL) {
      call(scheduler.removeAllRequest(agentId, tenant, queue()));
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
      note.accept("could not update the Temporal Schedules: " + Text.describe(e)
          + (scheduler.mode() == Scheduler.Mode.TEMPORAL ? "; firings of paused or deleted schedules are ignored"
              : "; the agent's own timer fires its schedules"));
      return null;
    }
  }

  private static String queue() {
    return Workflow.getInfo().getTaskQueue();
  }
}
