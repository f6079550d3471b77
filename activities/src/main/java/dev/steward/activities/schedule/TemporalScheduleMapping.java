package dev.steward.activities.schedule;

import dev.steward.workflows.agent.SleepDuration;
import dev.steward.workflows.schedule.Cron;
import dev.steward.workflows.schedule.ScheduleActivities;
import dev.steward.workflows.schedule.ScheduleActivities.SyncRequest;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent's schedule as a Temporal Schedule. Cron expressions go as calendars computed by the
 * agent's own {@link Cron}, so the server fires at exactly the times the in-workflow timer would.
 */
final class TemporalScheduleMapping {

  /** How late a firing missed while the server was down may still happen. */
  static final Duration CATCHUP_WINDOW = Duration.ofHours(1);

  private TemporalScheduleMapping() {}

  static Schedule schedule(SyncRequest request, ScheduleSpec s, boolean paused) {
    ScheduleActionStartWorkflow wake = ScheduleActionStartWorkflow.newBuilder()
        .setWorkflowType(ScheduleActivities.WAKE_WORKFLOW_TYPE)
        .setArguments(request.agentId(), s.name())
        .setOptions(WorkflowOptions.newBuilder()
            // The server appends the firing time, so every wake-up has its own id.
            .setWorkflowId(request.agentId() + "/wake/" + s.name())
            .setTaskQueue(request.taskQueue())
            .setWorkflowExecutionTimeout(Duration.ofHours(1))
            .setStaticSummary("wake agent " + request.agentId() + " · schedule " + s.name())
            // SDK 1.38 cannot describe a schedule whose action has a summary but no details.
            .setStaticDetails(details(s))
            .build())
        .build();
    return Schedule.newBuilder()
        .setAction(wake)
        .setSpec(spec(s))
        .setPolicy(SchedulePolicy.newBuilder()
            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
            .setCatchupWindow(CATCHUP_WINDOW)
            .build())
        .setState(ScheduleState.newBuilder().setPaused(paused).setNote(note(request, paused)).build())
        .build();
  }

  /** What the wake-up does, for the Web UI's workflow page. */
  static String details(ScheduleSpec s) {
    return "Sends the agent its scheduled message: " + s.message();
  }

  static io.temporal.client.schedules.ScheduleSpec spec(ScheduleSpec s) {
    var spec = io.temporal.client.schedules.ScheduleSpec.newBuilder();
    if (s.cron() != null) {
      spec.setCalendars(Cron.parse(s.cron()).calendars().stream().map(TemporalScheduleMapping::calendar).toList())
          .setTimeZoneName(s.timezone());
    } else {
      spec.setIntervals(List.of(new ScheduleIntervalSpec(SleepDuration.parse(s.every()))));
    }
    return spec.build();
  }

  static String note(SyncRequest request, boolean paused) {
    return (paused ? "paused" : "kept") + " by steward agent " + request.agentId();
  }

  private static ScheduleCalendarSpec calendar(Cron.Calendar c) {
    return ScheduleCalendarSpec.newBuilder()
        .setSeconds(List.of(new ScheduleRange(0)))
        .setMinutes(ranges(c.minutes()))
        .setHour(ranges(c.hours()))
        .setDayOfMonth(ranges(c.daysOfMonth()))
        .setMonth(ranges(c.months()))
        .setDayOfWeek(ranges(c.daysOfWeek()))
        .build();
  }

  /** Sorted values as the fewest runs of consecutive numbers. */
  static List<ScheduleRange> ranges(List<Integer> values) {
    List<ScheduleRange> out = new ArrayList<>();
    int i = 0;
    while (i < values.size()) {
      int start = values.get(i);
      int end = start;
      while (i + 1 < values.size() && values.get(i + 1) == end + 1) {
        end = values.get(++i);
      }
      out.add(start == end ? new ScheduleRange(start) : new ScheduleRange(start, end));
      i++;
    }
    return out;
  }
}
