package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.agent.journal.StateBounds;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.TranscriptReader;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Change id {@code bounded-carried-state}: what an agent carries besides its transcript stays small
 * however old it gets (events, message ids, segment references), and readers still see everything.
 */
class BoundedStateTest {

  private static final TranscriptReader READER = new TranscriptReader(FakeSegments.STORE);

  @Test
  void eventsAndMessageIdsStayInSmallWindowsAcrossContinueAsNew() {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = TranscriptSegmentsTest.talk(kit, "windows", 60, 300);

      AgentState state = agent.checkpoint(0).state();
      EventPage events = agent.events(0);
      assertThat(agent.snapshot().runs()).as("runs").isGreaterThan(1);
      assertThat(events.lastSeq()).as("events over the agent's life").isGreaterThan(2L * StateBounds.EVENTS_KEPT);
      assertThat(state.events()).hasSizeLessThanOrEqualTo(StateBounds.EVENTS_KEPT);
      // Since change id events-in-segments the older events are in segments, not dropped.
      assertThat(events.oldestSeq()).isEqualTo(1);
      assertThat(events.segments()).isNotEmpty();
      assertThat(state.seenMessageIds()).hasSizeLessThanOrEqualTo(StateBounds.MESSAGE_IDS_KEPT);
      assertThat(state.segments()).anyMatch(TranscriptSegment::refersToSegments)
          .hasSizeLessThanOrEqualTo(2 * StateBounds.SEGMENT_FANOUT);
    }
  }

  @Test
  void aRetriedSendIsTakenOnceWhileItWaitsHoweverLongTheBacklog() {
    CountDownLatch release = new CountDownLatch(1);
    FakeModel model = new FakeModel(r -> {
      await().atMost(java.time.Duration.ofMinutes(2)).until(() -> release.getCount() == 0);
      return new ModelResponse("re: " + FakeModel.lastUser(r), List.of(), TokenUsage.ZERO);
    });
    try (AgentTestKit kit = AgentTestKit.inRealTime(model, FakeTools.named(), FakeSchedules.withoutServerSchedules())) {
      AgentWorkflow agent = kit.start("retried", AgentTestKit.spec());
      agent.send(new UserMessage("running", "first", null, null));
      await().until(() -> agent.snapshot().status() == AgentStatus.RUNNING);
      int backlog = StateBounds.MESSAGE_IDS_KEPT + 20;
      for (int i = 1; i <= backlog; i++) {
        agent.send(new UserMessage("b-" + i, "message " + i, null, null));
      }
      await().until(() -> agent.snapshot().inbox().size() == backlog);

      agent.send(new UserMessage("b-1", "message 1 again", null, null));
      agent.send(new UserMessage("running", "first again", null, null));
      agent.send(new UserMessage("b-" + backlog, "the last again", null, null));
      agent.send(new UserMessage("fresh", "a new one", null, null));

      await().until(() -> agent.snapshot().inbox().size() == backlog + 1);
      assertThat(agent.snapshot().inbox()).extracting(UserMessage::id)
          .as("the oldest waiting id fell out of the recent ids, yet its retry is not taken")
          .doesNotHaveDuplicates().endsWith("fresh");
      release.countDown();
    }
  }

  @Test
  void forkRewindAndExportReadThroughIndexSegments() {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = TranscriptSegmentsTest.talk(kit, "indexed", 30, 0);
      AgentState state = agent.checkpoint(0).state();
      assertThat(state.segments()).anyMatch(TranscriptSegment::refersToSegments);

      AgentCheckpoint export = READER.resolve(agent.checkpoint(0), 0);
      List<TranscriptEntry> all = TranscriptSegmentsTest.everything(agent);
      assertThat(export.state().transcript()).isEqualTo(all);
      assertThat(all).extracting(TranscriptEntry::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, agent.snapshot().transcriptSize()).boxed().toList());

      AgentCheckpoint at2 = READER.resolve(agent.checkpoint(2), 2);
      AgentWorkflow fork = kit.start("indexed-fork", new AgentInput(at2.spec(), at2.tenant(), 0, at2.state()));
      fork.ask(UserMessage.of("and now?"));
      assertThat(TranscriptSegmentsTest.everything(fork)).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(e -> e.text().split(" ")[0] + " " + e.text().split(" ")[1])
          .containsExactly("question 1", "question 2", "and now?");

      assertThat(agent.rewind(2)).isEqualTo(2);
      assertThat(agent.snapshot().memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("fact 1\nfact 2");
      assertThat(TranscriptSegmentsTest.everything(agent)).filteredOn(TranscriptEntry::abandoned)
          .extracting(TranscriptEntry::turn).containsOnly(LongStream.rangeClosed(3, 30).mapToObj(t -> (int) t)
              .toArray(Integer[]::new));
    }
  }
}
