package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.MemorySpec;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Change id {@code folded-entries-written-at-once}: entries folded into the summary leave the agent's
 * state after the turn that folded them, even with the default segment size far above what one fold
 * holds, so the agent holds its model context and no dead weight; every reader still sees every entry.
 */
class FoldedEntriesTest {

  /** {@link TranscriptSegmentsTest#spec()} with the default {@code segment_entries} (200). */
  static AgentSpec spec() {
    AgentSpec s = TranscriptSegmentsTest.spec();
    MemorySpec m = s.memory();
    return new AgentSpec(s.name(), s.instructions(), s.model(), s.tools(), s.limits(), s.approval(), s.inbox(),
        s.fallbacks(), new MemorySpec(m.blocks(), m.contextTokens(), null, null));
  }

  /** Waits until the turn's folded entries are written, then checks the agent holds none of them. */
  private static AgentState holdsNoFoldedEntries(AgentWorkflow agent) {
    await().untilAsserted(() -> {
      AgentState s = agent.checkpoint(0).state();
      assertThat(s.transcript()).as("held entries are all after the summary (entry %d)", s.compactedThroughSeq())
          .allMatch(e -> e.seq() > s.compactedThroughSeq());
      if (s.compactedThroughSeq() > 0) {
        assertThat(s.segments()).last().extracting(TranscriptSegment::toSeq).isEqualTo(s.compactedThroughSeq());
      }
    });
    return agent.checkpoint(0).state();
  }

  @Test
  void anAgentPastSeveralCompactionsHoldsNoFoldedEntriesAndReadersSeeEveryEntry() {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = kit.start("folded", new AgentInput(spec(), "acme", 0, null));
      long compactions = 0;
      long lastFold = 0;
      for (int i = 1; i <= 16; i++) {
        agent.ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
        AgentState s = holdsNoFoldedEntries(agent);
        compactions += s.compactedThroughSeq() > lastFold ? 1 : 0;
        lastFold = s.compactedThroughSeq();
      }
      assertThat(compactions).as("turns that folded entries").isGreaterThanOrEqualTo(3);
      assertThat(spec().memory().segmentEntries()).isEqualTo(MemorySpec.DEFAULT_SEGMENT_ENTRIES);
      assertThat(lastFold).as("far fewer folded entries than one full segment").isLessThan(MemorySpec.DEFAULT_SEGMENT_ENTRIES);

      List<TranscriptEntry> all = TranscriptSegmentsTest.everything(agent);
      assertThat(all).extracting(TranscriptEntry::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, agent.snapshot().transcriptSize()).boxed().toList());
      assertThat(all).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).hasSize(16);
      AgentCheckpoint export = TranscriptSegmentsTest.READER.resolve(agent.checkpoint(0), 0);
      assertThat(export.state().transcript()).isEqualTo(all);
    }
  }

  @Test
  void aForkAndARewindToAnEarlyTurnStillReadEveryEntry() {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = kit.start("folded-rewound", new AgentInput(spec(), "acme", 0, null));
      for (int i = 1; i <= 10; i++) {
        agent.ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
      }
      AgentState before = holdsNoFoldedEntries(agent);
      assertThat(before.transcript().get(0).turn()).as("turn 2 is in a segment").isGreaterThan(2);

      AgentCheckpoint at2 = TranscriptSegmentsTest.READER.resolve(agent.checkpoint(2), 2);
      AgentWorkflow fork = kit.start("folded-fork", new AgentInput(at2.spec(), at2.tenant(), 0, at2.state()));
      fork.ask(UserMessage.of("and now?"));
      assertThat(TranscriptSegmentsTest.everything(fork)).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(e -> e.text().split(" ")[0] + " " + e.text().split(" ")[1])
          .containsExactly("question 1", "question 2", "and now?");

      assertThat(agent.rewind(2)).isEqualTo(2);
      assertThat(agent.snapshot().memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("fact 1\nfact 2");
      agent.ask(UserMessage.of("again"));
      holdsNoFoldedEntries(agent);
      List<TranscriptEntry> t = TranscriptSegmentsTest.everything(agent);
      assertThat(t).extracting(TranscriptEntry::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, t.size()).boxed().toList());
      assertThat(t).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER && !e.abandoned()).hasSize(3);
    }
  }
}
