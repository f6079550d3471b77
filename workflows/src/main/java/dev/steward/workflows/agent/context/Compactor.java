package dev.steward.workflows.agent.context;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.memory.Compaction;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.memory.SummaryActivities;
import dev.steward.workflows.memory.SummaryRequest;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.PriceTable;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary of folded turns: what the model sees instead of the oldest transcript entries, and
 * the folding of more entries into it when the model's context would outgrow its budget. The
 * summariser reads the entries from the agent itself, so a fold costs one small activity.
 */
public final class Compactor {

  private final CompactionContext agent;
  private String summary;
  /** The last transcript entry the summary covers; 0 when none. */
  private long compactedThroughSeq;

  /** Derived from the agent's state and never recorded: the entries the model sees, kept between calls. */
  private final OpenContext open = new OpenContext();

  public Compactor(CompactionContext agent, String summary, long compactedThroughSeq) {
    this.agent = agent;
    this.summary = summary;
    this.compactedThroughSeq = compactedThroughSeq;
  }

  public String summary() {
    return summary;
  }

  public long compactedThroughSeq() {
    return compactedThroughSeq;
  }

  /** Forgets the summary, e.g. after a rewind: one that folded abandoned turns would bring them back. */
  public void reset() {
    summary = null;
    compactedThroughSeq = 0;
  }

  /** The model's context: instructions and memory, the summary, then the entries it does not cover. */
  public ModelContextView view(long upToSeq) {
    // Entries in segments are all folded: what the model sees is always held by the journal.
    open.sync(agent.journal(), compactedThroughSeq);
    String memory = agent.memory().render();
    String instructions = agent.spec().instructions();
    return new ModelContextView(memory.isEmpty() ? instructions : instructions + memory,
        open.through(upToSeq, summary));
  }

  /**
   * The tokens of the whole context, as {@link ModelContext#estimateTokens} counts them in
   * {@link #view}, without making the view: only entries written since the last call are read.
   */
  public long estimatedTokens() {
    open.sync(agent.journal(), compactedThroughSeq);
    long system = agent.spec().instructions().length() + agent.memory().render().length();
    return ModelContext.estimateTokens(system + ModelContext.summaryChars(summary) + open.chars());
  }

  /**
   * Folds older entries into the summary when the context would exceed {@code budget} tokens, in
   * as many summariser calls as it takes for none to read more than {@code budget} tokens of
   * entries (a long fold happens after a rewind or a fork, which start without a summary).
   */
  public void compactIfNeeded(long budget) {
    if (estimatedTokens() <= budget || !Versions.atLeast(ChangeIds.CONTEXT_COMPACTION, 1)) {
      return;
    }
    List<Compaction.Entry> open = openEntries();
    long cut = Compaction.cutThrough(open, budget);
    if (cut <= compactedThroughSeq) {
      return;
    }
    boolean inChunks = Compaction.tokensThrough(open, cut) > budget
        && Versions.atLeast(ChangeIds.COMPACTION_IN_CHUNKS, 1);
    while (compactedThroughSeq < cut) {
      long end = inChunks ? Compaction.chunkEnd(openEntries(), cut, budget) : cut;
      if (!fold(end)) {
        return;
      }
    }
  }

  private List<Compaction.Entry> openEntries() {
    Journal journal = agent.journal();
    List<Compaction.Entry> open = new ArrayList<>();
    for (TranscriptEntry e : journal.entriesAfter(compactedThroughSeq)) {
      long tokens = Compaction.estimateTokens(e.text());
      for (var call : e.toolCalls()) {
        tokens += Compaction.estimateTokens(call.arguments());
      }
      open.add(new Compaction.Entry(e.seq(), e.kind() == TranscriptEntry.Kind.USER, tokens));
    }
    return open;
  }

  /** One summariser call folding the entries after the summary through {@code cut}; false when it failed. */
  private boolean fold(long cut) {
    Journal journal = agent.journal();
    var memorySpec = agent.spec().memory();
    ModelSpec summarizer = memorySpec.summarizer() != null ? memorySpec.summarizer() : agent.spec().model();
    String prompt = memorySpec.summaryPrompt() != null ? memorySpec.summaryPrompt() : SummaryRequest.DEFAULT_PROMPT;
    SummaryRequest request = new SummaryRequest(agent.agentId(), summary == null ? "" : summary, compactedThroughSeq + 1,
        cut, summarizer, prompt);
    int turn = agent.turn();
    agent.showDetails("summarising transcript entries " + request.fromSeq() + "–" + cut);
    try {
      SummaryActivities.Summary s = Summarizer.summarize(request, turn);
      agent.chargeModelCall(s.usage(), PriceTable.priceOf(summarizer).cost(s.usage()));
      summary = s.text();
      compactedThroughSeq = cut;
      journal.write(turn, TranscriptEntry.Kind.SUMMARY, summarizer.label(), s.text(), List.of(), null, false);
      journal.event(AgentEvent.Type.COMPACTED, turn, "entries " + request.fromSeq() + "–" + cut + " folded into the summary");
      return true;
    } catch (ActivityFailure e) {
      // The turn goes on with the full context; the model may still cope, or fail with a clear error.
      journal.note(turn, "could not summarise older turns: " + Text.describe(e));
      return false;
    }
  }
}
