package dev.steward.workflows.agent;

import dev.steward.workflows.agent.context.ModelContext;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.model.ModelRequest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Measures the history bytes each turn adds to an agent, in today's design (context by reference)
 * and as it would be with the whole context inline in every model activity (the design of the
 * usual Temporal agent samples), on the same conversation.
 */
final class HistoryGrowth {

  /** What one measured turn added to history, in bytes. */
  record TurnBytes(int turn, long byReference, long inline, long inlineUncompacted) {}

  private static final DataConverter JSON = DefaultDataConverter.newDefaultInstance();
  private static final String FILLER = "lorem ipsum dolor sit amet ".repeat(8);

  private HistoryGrowth() {}

  /** Runs {@code turns} turns of ~200-character messages and replies; measures the turns {@code measure} picks. */
  static List<TurnBytes> run(int turns, IntPredicate measure) {
    List<TurnBytes> out = new ArrayList<>();
    try (AgentTestKit kit = new AgentTestKit(new FakeModel(r -> FakeModel.reply("reply " + r.turn() + " " + FILLER)),
        FakeTools.named())) {
      AgentWorkflow agent = kit.start("growth", AgentTestKit.spec());
      for (int t = 1; t <= turns; t++) {
        boolean measured = measure.test(t);
        String runBefore = measured ? currentRun(kit) : null;
        long before = measured ? historyBytes(kit) : 0;
        agent.ask(UserMessage.of("message " + t + " " + FILLER));
        if (measured && runBefore.equals(currentRun(kit))) {
          long added = historyBytes(kit) - before;
          long seq = agent.snapshot().transcriptSize() - 1;
          out.add(new TurnBytes(t, added, added + inlineExtra(agent, seq, false), added + inlineExtra(agent, seq, true)));
        }
      }
    }
    return out;
  }

  /** How many more bytes the turn's model call would have put in history with its context inline. */
  private static long inlineExtra(AgentWorkflow agent, long contextSeq, boolean wholeTranscript) {
    ModelRequest byReference = new ModelRequest("growth", 1, 1, AgentTestKit.spec().model(), "", List.of(),
        AgentTestKit.spec().tools(), contextSeq);
    ModelContextView view = wholeTranscript
        ? ModelContext.view(AgentTestKit.spec().instructions(), null, wholeTranscript(agent), 0, contextSeq)
        : agent.modelContext(contextSeq);
    ModelRequest inline = byReference.withContext(view.system(), view.messages());
    return size(inline) - size(byReference);
  }

  private static List<TranscriptEntry> wholeTranscript(AgentWorkflow agent) {
    List<TranscriptEntry> all = new ArrayList<>();
    long next = 1;
    while (next > 0) {
      TranscriptPage page = agent.transcript(next, 500);
      all.addAll(page.entries());
      next = page.nextSeq();
    }
    return all;
  }

  private static long size(Object value) {
    return JSON.toPayloads(value).orElseThrow().getSerializedSize();
  }

  private static String currentRun(AgentTestKit kit) {
    return kit.client.fetchHistory("growth").getWorkflowExecution().getRunId();
  }

  private static long historyBytes(AgentTestKit kit) {
    long bytes = 0;
    for (HistoryEvent e : kit.client.fetchHistory("growth").getEvents()) {
      bytes += e.getSerializedSize();
    }
    return bytes;
  }
}
