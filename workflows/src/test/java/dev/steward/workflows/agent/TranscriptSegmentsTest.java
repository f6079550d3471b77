package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.agent.journal.StateBounds;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.TranscriptReader;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Folded transcript entries move out of the agent's state into segments in the blob store, and
 * every reader still sees the whole transcript: pages, export and import, fork and rewind to a turn
 * inside a segment, across continue-as-new.
 */
class TranscriptSegmentsTest {

  /** Turns 1–3 remember a fact, so memory at an old turn must be rebuilt from segmented entries. */
  static final FakeModel MODEL = new FakeModel(r -> r.step() == 1 && r.turn() <= 3
      ? new ModelResponse("", List.of(new ToolCall("m" + r.turn(), "memory_append",
          "{\"block\":\"facts\",\"text\":\"fact " + r.turn() + "\"}")), TokenUsage.ZERO)
      : FakeModel.reply("reply " + r.turn() + " " + "z".repeat(200)));

  static final TranscriptReader READER = new TranscriptReader(FakeSegments.STORE);

  static AgentSpec spec() {
    ModelSpec model = new ModelSpec("fake", "test-1", null, null, null, null, null, null, null);
    MemorySpec memory = new MemorySpec(List.of(new MemorySpec.MemoryBlockSpec("facts", "", 500, "")), 300, null, null, 4);
    return new AgentSpec("segmented", "", model, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE,
        List.of(), memory);
  }

  static AgentWorkflow talk(AgentTestKit kit, String id, int turns, long historyBudget) {
    AgentWorkflow agent = kit.start(id, new AgentInput(spec(), "acme", historyBudget, null));
    for (int i = 1; i <= turns; i++) {
      agent.ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
    }
    return agent;
  }

  /** The whole transcript, page by page, segments read from the store. */
  static List<TranscriptEntry> everything(AgentWorkflow agent) {
    List<TranscriptEntry> out = new ArrayList<>();
    long next = 1;
    while (next > 0) {
      TranscriptPage page = READER.resolve(agent.transcript(next, 7), next, 7);
      out.addAll(page.entries());
      next = page.nextSeq();
    }
    return out;
  }

  @Test
  void theCarriedStateStaysSmallWhileReadersSeeEveryEntryAcrossContinueAsNew() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      AgentWorkflow agent = talk(kit, "segmented", 30, 120);

      AgentSnapshot s = agent.snapshot();
      AgentState state = agent.checkpoint(0).state();
      assertThat(s.runs()).as("runs").isGreaterThan(1);
      assertThat(state.segments()).as("old references folded into index segments")
          .anyMatch(TranscriptSegment::refersToSegments)
          .hasSizeLessThanOrEqualTo(2 * StateBounds.SEGMENT_FANOUT);
      assertThat(state.segments().get(0).fromSeq()).isEqualTo(1);
      for (int i = 1; i < state.segments().size(); i++) {
        assertThat(state.segments().get(i).fromSeq()).isEqualTo(state.segments().get(i - 1).toSeq() + 1);
      }
      assertThat(state.transcript()).as("entries the agent holds").hasSizeLessThan(20);
      List<TranscriptEntry> all = everything(agent);
      assertThat(all).extracting(TranscriptEntry::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, s.transcriptSize()).boxed().toList());
      assertThat(all).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).hasSize(30);
      assertThat(s.memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("fact 1\nfact 2\nfact 3");
    }
  }

  @Test
  void anExportHoldsEveryEntryAndAnImportGoesOn() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      AgentWorkflow agent = talk(kit, "exported", 12, 0);
      AgentCheckpoint export = READER.resolve(agent.checkpoint(0), 0);
      assertThat(export.state().hasSegments()).isFalse();
      assertThat(export.state().transcript()).isEqualTo(everything(agent));

      AgentWorkflow imported = kit.start("imported", new AgentInput(export.spec(), export.tenant(), 0, export.state()));
      imported.ask(UserMessage.of("question 13 " + "q".repeat(200)));

      // The reply comes before the turn's segments are written: wait for them.
      await().untilAsserted(() -> assertThat(imported.checkpoint(0).state().hasSegments())
          .as("the import writes its segments again").isTrue());
      List<TranscriptEntry> after = everything(imported);
      assertThat(after.subList(0, export.state().transcript().size())).isEqualTo(export.state().transcript());
      assertThat(after).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).hasSize(13);
    }
  }

  @Test
  void aForkAtATurnInsideASegmentStartsFromThatTurn() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      AgentWorkflow original = talk(kit, "forked-from", 12, 0);
      List<TranscriptSegment> segments = original.checkpoint(0).state().segments();
      assertThat(segments.get(segments.size() - 1).toSeq()).as("turn 2's entries are in segments").isGreaterThan(12);

      AgentCheckpoint at2 = READER.resolve(original.checkpoint(2), 2);
      AgentWorkflow fork = kit.start("fork", new AgentInput(at2.spec(), at2.tenant(), 0, at2.state()));
      fork.ask(UserMessage.of("and now?"));

      assertThat(fork.snapshot().memory()).singleElement().extracting(MemoryBlock::text)
          .isEqualTo("fact 1\nfact 2\nfact 3");
      assertThat(everything(fork)).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(e -> e.text().split(" ")[0] + " " + e.text().split(" ")[1])
          .containsExactly("question 1", "question 2", "and now?");
    }
  }

  @Test
  void aRewindToATurnInsideASegmentReadsTheSegmentsBack() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      AgentWorkflow agent = talk(kit, "rewound", 12, 0);
      assertThat(agent.checkpoint(0).state().hasSegments()).isTrue();

      assertThat(agent.rewind(2)).isEqualTo(2);

      assertThat(agent.snapshot().memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("fact 1\nfact 2");
      agent.ask(UserMessage.of("again"));
      List<TranscriptEntry> t = everything(agent);
      assertThat(t).filteredOn(TranscriptEntry::abandoned).extracting(TranscriptEntry::turn)
          .containsOnly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
      assertThat(t).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER && !e.abandoned()).hasSize(3);
      assertThat(t).extracting(TranscriptEntry::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, t.size()).boxed().toList());
    }
  }

  @Test
  void aCarriedStateWithBrokenSegmentsIsRefusedNamingTheField() {
    TranscriptSegment good = new TranscriptSegment("a".repeat(64), 1, 4, 100);
    AgentState base = new AgentState(null, 1, Usage.ZERO, null, null, List.of(), List.of(), 1, List.of(), List.of(), 1,
        List.of(), null, 4, List.of(), List.of(), List.of(good));
    assertThat(InputCheck.problem(new AgentInput(spec(), "acme", 0, base))).isNull();
    assertThat(InputCheck.problem(new AgentInput(spec(), "acme", 0,
        new AgentState(null, 1, Usage.ZERO, null, null, List.of(), List.of(), 1, List.of(), List.of(), 1, List.of(), null, 4,
            List.of(), List.of(), List.of(good, new TranscriptSegment("b".repeat(64), 6, 8, 1))))))
        .isEqualTo("$.carried.segments[1] must cover entries from 5 on, not 6–8");
    assertThat(InputCheck.problem(new AgentInput(spec(), "acme", 0,
        new AgentState(null, 1, Usage.ZERO, null, null, List.of(), List.of(), 1, List.of(), List.of(), 1, List.of(), null, 4,
            List.of(), List.of(), List.of(new TranscriptSegment("../etc", 1, 4, 1))))))
        .isEqualTo("$.carried.segments[0].key must be a blob key (64 hexadecimal digits)");
    assertThat(InputCheck.problem(new AgentInput(spec(), "acme", 0,
        new AgentState(null, 1, Usage.ZERO, null, null, List.of(), List.of(), 1, List.of(), List.of(), 1, List.of(), null, 4,
            List.of(), List.of(), List.of(new TranscriptSegment("a".repeat(64), 1, 4, 1, 0, 9, 3))))))
        .isEqualTo("$.carried.segments[0].eventsFrom and .eventsTo must both be 0 (no events) or a range from 1 on, not 9–3");
    assertThat(InputCheck.problem(new AgentInput(spec(), "acme", 0,
        new AgentState(null, 1, Usage.ZERO, null, null, List.of(), List.of(), 1, List.of(), List.of(), 1, List.of(), null, 4,
            List.of(), List.of(), List.of(new TranscriptSegment("a".repeat(64), 1, 4, 1, 0, 1, 30))))))
        .as("a segment holding events 1–30").isNull();
  }
}
