package dev.steward.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.steward.proto.v1.Schedule;
import dev.steward.workflows.agent.ScheduleState;
import org.junit.jupiter.api.Test;

/** Back from the wire, a schedule is the record {@code AgentClient} returns: an empty id is null. */
class ProtoRecordsScheduleTest {

  @Test
  void theTemporalScheduleIdComesBackAndEmptyIsNull() {
    ScheduleState byTemporal = ProtoRecords.schedule(Schedule.newBuilder().setName("nightly").setDescription("every 24h")
        .setFires(3).setLastFireTime(Timestamps.fromMillis(1_000_000L)).setNextFireTime(Timestamps.fromMillis(2_000_000L))
        .setTemporalScheduleId("steward/agent-1/nightly").build());
    ScheduleState byTimer = ProtoRecords.schedule(Schedule.newBuilder().setName("weekly").setPaused(true).build());

    assertThat(byTemporal).isEqualTo(
        new ScheduleState("nightly", "every 24h", false, 3, 1_000_000L, 2_000_000L, "steward/agent-1/nightly"));
    assertThat(byTimer).isEqualTo(new ScheduleState("weekly", "", true, 0, 0, 0));
    assertThat(byTimer.temporalScheduleId()).isNull();
  }
}
