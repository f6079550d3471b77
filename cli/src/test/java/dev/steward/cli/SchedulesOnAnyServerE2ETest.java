package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.schedule.ScheduleActivities;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One schedule's life through a real worker and client, on whatever server there is: the embedded
 * one by default (no Schedules: the agent's own timer fires), or a real Temporal server named by
 * {@code STEWARD_IT_TEMPORAL_ADDRESS} (e.g. the docker-compose stack), where it must be a Temporal
 * Schedule that pauses on the server and is deleted when the agent stops.
 */
class SchedulesOnAnyServerE2ETest {

  private static final String REAL_SERVER = System.getenv("STEWARD_IT_TEMPORAL_ADDRESS");

  @Test
  void aScheduleFiresThreeTurnsPausesAndEndsWithItsAgent() throws Exception {
    boolean real = REAL_SERVER != null && !REAL_SERVER.isBlank();
    EmbeddedTemporal embedded = real ? null : EmbeddedTemporal.startOnFreePort();
    String address = real ? REAL_SERVER : embedded.address();
    String queue = "steward-schedules-" + UUID.randomUUID();
    SearchAttributes.register(address, "default");
    try (StewardWorker worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(address).withTaskQueue(queue))
            .start();
        AgentClient client = AgentClient.connect(new ClientSettings(address, "default", queue))) {
      String id = "scheduled-" + UUID.randomUUID();
      // Agent files ask for at least a minute between firings; a test may go faster.
      client.start(id, spec(new ScheduleSpec("tick", null, "2s", null, "tick")));

      await().atMost(Duration.ofMinutes(1)).until(() -> client.snapshot(id).turn() >= 3);
      ScheduleState tick = client.snapshot(id).schedules().get(0);
      assertThat(tick.fires()).isGreaterThanOrEqualTo(3);
      String temporalId = ScheduleActivities.temporalScheduleId(id, "tick");
      assertThat(tick.temporalScheduleId()).isEqualTo(real ? temporalId : null);

      assertThat(client.schedule(id, new ScheduleAction("tick", "pause")).paused()).isTrue();
      if (real) {
        ScheduleClient schedules = schedules(client);
        assertThat(schedules.getHandle(temporalId).describe().getSchedule().getState().isPaused()).isTrue();
        client.stop(id, "done");
        client.awaitResult(id, Duration.ofSeconds(30));
        assertThatThrownBy(() -> schedules.getHandle(temporalId).describe()).hasStackTraceContaining("NOT_FOUND");
      } else {
        client.stop(id, "done");
        client.awaitResult(id, Duration.ofSeconds(30));
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static ScheduleClient schedules(AgentClient client) {
    return ScheduleClient.newInstance(client.workflowClient().getWorkflowServiceStubs(),
        ScheduleClientOptions.newBuilder().setNamespace("default").build());
  }

  private static AgentSpec spec(ScheduleSpec schedule) {
    ModelSpec model = new ModelSpec("scripted", "echo", null, null, null, null, null, null, List.of());
    return new AgentSpec("ticker", "", model, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE,
        List.of(), null, null, null, null, List.of(schedule));
  }
}
