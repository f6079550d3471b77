package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.schedule.ScheduleWakeWorkflow;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schedules on a server with Temporal Schedules: the agent keeps one per schedule in line with its
 * own state, and each firing (a {@code ScheduleWake} run, started here as the server would) is one turn.
 * The schedule activity is an in-memory stand-in for the server; the workflows are the real ones.
 */
class TemporalSchedulesTest {

  private final FakeSchedules server = FakeSchedules.withServerSchedules();

  @Test
  void temporalSchedulesFireTheAgentAndItsOwnTimerStaysQuiet() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named(), server)) {
      AgentWorkflow agent = kit.start("ts-fire", spec(new ScheduleSpec("hourly", null, "1h", null, "check the inbox")));
      await().atMost(Duration.ofMinutes(1)).until(() -> server.server.containsKey("ts-fire:hourly"));
      assertThat(agent.snapshot().schedules()).singleElement()
          .extracting(ScheduleState::temporalScheduleId).isEqualTo("ts-fire:hourly");

      kit.env.sleep(Duration.ofHours(3));
      assertThat(agent.snapshot().turn()).as("the agent's own timer does not fire as well").isZero();

      for (int i = 1; i <= 3; i++) {
        wake(kit, "ts-fire", "hourly", i);
        int turn = i;
        await().atMost(Duration.ofMinutes(1)).until(() -> agent.snapshot().turn() == turn && agent.snapshot().status() == AgentStatus.IDLE);
      }
      assertThat(agent.transcript(1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(TranscriptEntry::author).containsExactly("schedule:hourly", "schedule:hourly", "schedule:hourly");
      assertThat(agent.snapshot().schedules()).singleElement().satisfies(s -> {
        assertThat(s.fires()).isEqualTo(3);
        assertThat(s.nextFireMillis()).as("shown from the schedule, on the hour").isPositive()
            .matches(t -> t % Duration.ofHours(1).toMillis() == 0);
      });
    }
  }

  @Test
  void pauseResumeAndDeleteReachTheServerAndStrayFiringsAreIgnored() {
    try (AgentTestKit kit = AgentTestKit.inRealTime(FakeModel.echo(), FakeTools.named(), server)) {
      AgentWorkflow agent = kit.start("ts-pause", spec(new ScheduleSpec("daily", "0 9 * * *", null, "Europe/Paris", "plan")));
      await().atMost(Duration.ofMinutes(1)).until(() -> server.server.containsKey("ts-pause:daily"));

      assertThat(change(agent, "pause").paused()).isTrue();
      assertThat(server.server).containsEntry("ts-pause:daily", true);
      wake(kit, "ts-pause", "daily", 1);
      assertThat(agent.snapshot().turn()).as("a paused schedule's firing is ignored").isZero();

      change(agent, "resume");
      assertThat(server.server).containsEntry("ts-pause:daily", false);

      change(agent, "delete");
      assertThat(server.server).doesNotContainKey("ts-pause:daily");
      wake(kit, "ts-pause", "daily", 2);
      assertThat(agent.snapshot().turn()).isZero();
      assertThat(agent.snapshot().schedules()).isEmpty();
    }
  }

  @Test
  void stoppingTheAgentDeletesItsSchedulesAndAnOrphanDeletesItself() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named(), server)) {
      AgentWorkflow agent = kit.start("ts-stop", spec(new ScheduleSpec("often", null, "10m", null, "tick")));
      await().atMost(Duration.ofMinutes(1)).until(() -> server.server.containsKey("ts-stop:often"));

      agent.stop("done");
      kit.untyped("ts-stop").getResult(AgentResult.class);
      assertThat(server.server).isEmpty();

      // A schedule left behind (say the agent was terminated) wakes nobody, and deletes itself.
      server.server.put("ts-stop:often", false);
      assertThat(wake(kit, "ts-stop", "often", 1)).contains("is gone");
      assertThat(server.server).isEmpty();
    }
  }

  @Test
  void aScheduleTheServerRefusesIsPausedWithItsReasonAndTheOthersRun() {
    server.refused.add("odd");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named(), server)) {
      AgentWorkflow agent = kit.start("ts-refused", spec(new ScheduleSpec("odd", null, "1h", null, "odd"),
          new ScheduleSpec("fine", null, "1h", null, "fine")));
      await().atMost(Duration.ofMinutes(1)).until(() -> server.server.containsKey("ts-refused:fine"));
      agent.schedule(new ScheduleAction("odd", "resume"));

      assertThat(agent.snapshot().schedules()).extracting(ScheduleState::name, ScheduleState::paused,
          ScheduleState::description, ScheduleState::temporalScheduleId).containsExactly(
          org.assertj.core.groups.Tuple.tuple("odd", true, "every 1h — paused: the server refused it: invalid schedule spec",
              null),
          org.assertj.core.groups.Tuple.tuple("fine", false, "every 1h", "ts-refused:fine"));
    }
  }

  @Test
  void onAServerWithoutSchedulesTheAgentsOwnTimerFiresThem() {
    FakeSchedules embedded = FakeSchedules.withoutServerSchedules();
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named(), embedded)) {
      AgentWorkflow agent = kit.start("ts-timer", spec(new ScheduleSpec("hourly", null, "1h", null, "tick")));
      kit.env.sleep(Duration.ofHours(1).plusMinutes(1));
      await().atMost(Duration.ofMinutes(1)).until(() -> agent.snapshot().turn() == 1);
      assertThat(agent.snapshot().schedules()).singleElement()
          .extracting(ScheduleState::temporalScheduleId).isNull();
      assertThat(embedded.calls).as("asked once whether the server has Schedules").hasValue(1);
    }
  }

  /**
   * A schedule update, asked again if the server lost it: Temporal answers "update not found" when
   * the workflow task that held it failed or timed out, e.g. on a loaded test machine.
   */
  private static ScheduleState change(AgentWorkflow agent, String action) {
    // Lost more than once in a row on a loaded machine (time skipping times slow tasks out at once).
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreException(io.temporal.client.WorkflowNotFoundException.class)
        .until(() -> agent.schedule(new ScheduleAction("daily", action)), java.util.Objects::nonNull);
  }

  private static String wake(AgentTestKit kit, String agentId, String schedule, int n) {
    return kit.client.newWorkflowStub(ScheduleWakeWorkflow.class, WorkflowOptions.newBuilder()
            .setWorkflowId(agentId + "/wake/" + schedule + "-" + n).setTaskQueue(AgentTestKit.QUEUE).build())
        .wake(agentId, schedule);
  }

  static AgentSpec spec(ScheduleSpec... schedules) {
    ModelSpec model = new ModelSpec("fake", "test-1", null, null, null, null, null, null, null);
    return new AgentSpec("scheduled", "", model, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE,
        List.of(), null, null, null, null, List.of(schedules));
  }
}
