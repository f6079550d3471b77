package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

class ScheduleReaderTest {

  @Test
  void readsCronAndIntervalSchedules() {
    AgentSpec spec = AgentFiles.parse("""
        name: x
        model: {provider: scripted}
        schedules:
          - {name: morning, cron: "0 9 * * MON-FRI", timezone: Europe/Paris, message: Plan the day}
          - {name: pulse, every: 15m, message: Check the queue}
        """, "x.yaml");

    assertThat(spec.schedules()).containsExactly(
        new ScheduleSpec("morning", "0 9 * * MON-FRI", null, "Europe/Paris", "Plan the day"),
        new ScheduleSpec("pulse", null, "15m", "UTC", "Check the queue"));
  }

  @Test
  void aBadCronNamesItsLineAndField() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: x
        model: {provider: scripted}
        schedules:
          - name: morning
            cron: "0 25 * * *"
            message: hi
        """, "x.yaml"));

    assertThat(e.getMessage()).isEqualTo("x.yaml:5:5: schedules[0].cron: cron hour '25': value 25 not in range [0, 23]");
  }

  @Test
  void cronAndEveryTogetherAreRefused() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: x
        model: {provider: scripted}
        schedules:
          - {name: both, cron: "0 9 * * *", every: 1h, message: hi}
        """, "x.yaml"));

    assertThat(e.reason()).contains("exactly one of cron");
  }
}
