package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.proto.v1.Schedule;
import dev.steward.workflows.agent.ScheduleState;
import org.junit.jupiter.api.Test;

/**
 * A schedule's state goes on the wire whole, including the Temporal Schedule that fires it (the
 * embedded server the end-to-end tests use has none, so they only ever see it empty).
 */
class ScheduleMappingTest {

  @Test
  void theTemporalScheduleIdTravelsAndAnAgentTimerIsEmpty() {
    Schedule byTemporal = ProtoMapping.schedule(
        new ScheduleState("nightly", "every 24h", false, 3, 1_000_000L, 2_000_000L, "steward/agent-1/nightly"));
    Schedule byTimer = ProtoMapping.schedule(new ScheduleState("weekly", "cron 0 9 * * 1 UTC", true, 0, 0, 0));

    assertThat(byTemporal.getTemporalScheduleId()).isEqualTo("steward/agent-1/nightly");
    assertThat(byTemporal.getFires()).isEqualTo(3);
    assertThat(byTemporal.getLastFireTime().getSeconds()).isEqualTo(1_000);
    assertThat(byTemporal.getNextFireTime().getSeconds()).isEqualTo(2_000);
    assertThat(byTimer.getTemporalScheduleId()).isEmpty();
    assertThat(byTimer.getPaused()).isTrue();
    assertThat(byTimer.hasNextFireTime()).isFalse();
  }
}
