package dev.steward.activities.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.schedule.ScheduleActivities.SyncRequest;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleRange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalScheduleMappingTest {

  private final SyncRequest request = new SyncRequest("agent-1", "acme", "steward", List.of(), List.of());

  @Test
  void aWeekdayCronIsOneCalendarInItsTimeZone() {
    var spec = TemporalScheduleMapping.spec(new ScheduleSpec("daily", "30 9 * * MON-FRI", null, "Europe/Paris", "plan"));
    assertThat(spec.getTimeZoneName()).isEqualTo("Europe/Paris");
    assertThat(spec.getCalendars()).singleElement().satisfies(c -> {
      assertThat(c.getSeconds()).containsExactly(new ScheduleRange(0));
      assertThat(c.getMinutes()).containsExactly(new ScheduleRange(30));
      assertThat(c.getHour()).containsExactly(new ScheduleRange(9));
      assertThat(c.getDayOfMonth()).containsExactly(new ScheduleRange(1, 31));
      assertThat(c.getMonth()).containsExactly(new ScheduleRange(1, 12));
      assertThat(c.getDayOfWeek()).containsExactly(new ScheduleRange(1, 5));
    });
  }

  @Test
  void bothDayFieldsRestrictedMeanEitherDaySoTwoCalendars() {
    // Classic cron: the 1st of the month, and every Sunday (7 is Sunday too).
    List<ScheduleCalendarSpec> calendars =
        TemporalScheduleMapping.spec(new ScheduleSpec("x", "0 8 1 * 7", null, null, "m")).getCalendars();
    assertThat(calendars).hasSize(2);
    assertThat(calendars.get(0).getDayOfMonth()).containsExactly(new ScheduleRange(1));
    assertThat(calendars.get(0).getDayOfWeek()).containsExactly(new ScheduleRange(0, 6));
    assertThat(calendars.get(1).getDayOfMonth()).containsExactly(new ScheduleRange(1, 31));
    assertThat(calendars.get(1).getDayOfWeek()).containsExactly(new ScheduleRange(0));
  }

  @Test
  void stepsAndListsBecomeRuns() {
    assertThat(TemporalScheduleMapping.ranges(List.of(0, 15, 30, 45)))
        .containsExactly(new ScheduleRange(0), new ScheduleRange(15), new ScheduleRange(30), new ScheduleRange(45));
    assertThat(TemporalScheduleMapping.ranges(List.of(1, 2, 3, 7, 9, 10)))
        .containsExactly(new ScheduleRange(1, 3), new ScheduleRange(7), new ScheduleRange(9, 10));
  }

  @Test
  void anIntervalIsAnIntervalSpec() {
    var spec = TemporalScheduleMapping.spec(new ScheduleSpec("often", null, "15m", null, "tick"));
    assertThat(spec.getIntervals()).containsExactly(new ScheduleIntervalSpec(Duration.ofMinutes(15)));
    assertThat(spec.getCalendars()).isNullOrEmpty();
  }

  @Test
  void theActionWakesTheAgentOnItsQueue() {
    Schedule s = TemporalScheduleMapping.schedule(request, new ScheduleSpec("often", null, "15m", null, "tick"), true);
    ScheduleActionStartWorkflow wake = (ScheduleActionStartWorkflow) s.getAction();
    assertThat(wake.getWorkflowType()).isEqualTo("ScheduleWake");
    assertThat(wake.getOptions().getWorkflowId()).isEqualTo("agent-1/wake/often");
    assertThat(wake.getOptions().getTaskQueue()).isEqualTo("steward");
    assertThat(s.getState().isPaused()).isTrue();
    assertThat(s.getPolicy().getCatchupWindow()).isEqualTo(TemporalScheduleMapping.CATCHUP_WINDOW);
  }
}
