package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesTest {

  @Test
  void aScheduleFiresThreeTimesAndEachFiringIsOneTurn() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("sched", spec(new ScheduleSpec("hourly", null, "1h", null, "check the inbox")));

      kit.env.sleep(Duration.ofHours(3).plusMinutes(1));

      await().until(() -> agent.snapshot().turn() == 3 && agent.snapshot().status() == AgentStatus.IDLE);
      List<TranscriptEntry> t = agent.transcript(1, 100).entries();
      assertThat(t).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(TranscriptEntry::text, TranscriptEntry::author)
          .containsOnly(org.assertj.core.groups.Tuple.tuple("check the inbox", "schedule:hourly")).hasSize(3);
      assertThat(t).filteredOn(e -> e.kind() == TranscriptEntry.Kind.ASSISTANT).hasSize(3);
      assertThat(agent.snapshot().schedules()).singleElement().extracting(ScheduleState::fires).isEqualTo(3L);
    }
  }

  @Test
  void pausedSchedulesWaitAndTriggerFiresAtOnce() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("sched-pause", spec(new ScheduleSpec("daily", "0 9 * * *", null, "Europe/Paris", "plan the day")));
      agent.schedule(new ScheduleAction("daily", "pause"));

      kit.env.sleep(Duration.ofDays(2));
      assertThat(agent.snapshot().turn()).isZero();

      agent.schedule(new ScheduleAction("daily", "trigger"));
      await().until(() -> agent.snapshot().turn() == 1);
      agent.schedule(new ScheduleAction("daily", "resume"));
      assertThat(agent.snapshot().schedules()).singleElement().satisfies(s -> {
        assertThat(s.paused()).isFalse();
        assertThat(s.description()).isEqualTo("cron 0 9 * * * Europe/Paris");
      });
    }
  }

  @Test
  void aDeletedScheduleStaysDeletedWhenTheAgentContinuesAsNewAndASpecUpdateBringsItBack() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentSpec spec = TemporalSchedulesTest.spec(new ScheduleSpec("hourly", null, "1h", null, "tick"),
          new ScheduleSpec("daily", "0 9 * * *", null, null, "plan"));
      AgentWorkflow agent = kit.start("sched-delete", new AgentInput(spec, "acme", 30, null));
      agent.schedule(new ScheduleAction("hourly", "delete"));

      for (int i = 0; agent.snapshot().runs() == 1; i++) {
        agent.ask(new UserMessage(null, "message " + i, "user"));
      }
      assertThat(agent.snapshot().schedules()).extracting(ScheduleState::name).containsExactly("daily");

      agent.updateSpec(spec);
      agent.ask(new UserMessage(null, "apply the spec", "user"));
      assertThat(agent.snapshot().schedules()).extracting(ScheduleState::name).containsExactly("hourly", "daily");
    }
  }

  @Test
  void aTriggerFiresOnceAndLeavesTheRegularFiringsWhereTheyWere() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("sched-trigger", spec(new ScheduleSpec("hourly", null, "1h", null, "tick")));
      await().until(() -> agent.snapshot().schedules().get(0).nextFireMillis() > 0);
      long next = agent.snapshot().schedules().get(0).nextFireMillis();
      kit.env.sleep(Duration.ofMinutes(20));

      assertThat(agent.schedule(new ScheduleAction("hourly", "trigger")).nextFireMillis()).isEqualTo(next);
      await().until(() -> agent.snapshot().turn() == 1 && agent.snapshot().status() == AgentStatus.IDLE);
      assertThat(agent.snapshot().schedules().get(0).nextFireMillis()).isEqualTo(next);
    }
  }

  @Test
  void aScheduleWhoseTimingChangesFiresByItsNewTiming() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("sched-change", spec(new ScheduleSpec("check", null, "1d", null, "check")));
      await().until(() -> agent.snapshot().schedules().get(0).nextFireMillis() > 0);
      long dayAway = agent.snapshot().schedules().get(0).nextFireMillis();

      agent.updateSpec(spec(new ScheduleSpec("check", null, "1h", null, "check")));
      agent.ask(new UserMessage(null, "apply the spec", "user"));

      await().until(() -> agent.snapshot().schedules().get(0).nextFireMillis() > 0);
      assertThat(agent.snapshot().schedules()).singleElement().satisfies(s -> {
        assertThat(s.description()).isEqualTo("every 1h");
        assertThat(s.nextFireMillis()).isLessThan(dayAway);
      });
    }
  }

  private static AgentSpec spec(ScheduleSpec schedule) {
    ModelSpec model = new ModelSpec("fake", "test-1", null, null, null, null, null, null, null);
    return new AgentSpec("scheduled", "", model, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE,
        List.of(), null, null, null, null, List.of(schedule));
  }
}
