package dev.steward.workflows.agent.lifecycle;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentState;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.agent.context.Compactor;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.memory.Memory;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.AgentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds an agent's state as it was at the end of a turn, from its transcript: every memory change
 * is a transcript entry holding the block's whole new text, so memory at turn N is the spec's blocks
 * with the changes of turns up to N applied.
 */
public final class Checkpoints {

  private Checkpoints() {}

  /**
   * The state after {@code turn} (the whole state when {@code turn} is at or past the last turn),
   * with the transcript renumbered and rewound turns left out. The summary is not carried: the new
   * agent summarises again if its context needs it.
   */
  public static AgentState at(int turn, AgentSpec spec, List<TranscriptEntry> transcript) {
    List<TranscriptEntry> kept = new ArrayList<>();
    for (TranscriptEntry e : transcript) {
      if (e.turn() <= turn && !e.abandoned() && e.kind() != TranscriptEntry.Kind.SUMMARY) {
        kept.add(new TranscriptEntry(kept.size() + 1L, e.turn(), e.kind(), e.author(), e.text(), e.toolCalls(),
            e.callId(), e.error(), e.timeMillis(), false));
      }
    }
    return new AgentState(null, turn, Usage.ZERO, TokenUsage.ZERO, null, kept, List.of(), 1, List.of(), List.of(), 0,
        memoryAt(turn, spec, transcript), null, 0, List.of(), List.of());
  }

  /** Memory blocks as they were at the end of {@code turn}. */
  public static List<MemoryBlock> memoryAt(int turn, AgentSpec spec, List<TranscriptEntry> transcript) {
    Memory memory = new Memory(List.of());
    memory.adopt(spec.memory());
    for (TranscriptEntry e : transcript) {
      if (e.kind() == TranscriptEntry.Kind.MEMORY && e.turn() <= turn && !e.abandoned()) {
        memory.restore(e.callId(), e.text());
      }
    }
    return memory.blocks();
  }

  /**
   * Goes back to the end of {@code toTurn}: later transcript entries are kept but marked abandoned,
   * memory is as it was then, and the summary is forgotten (it may have folded abandoned turns).
   *
   * @param turn the agent's current turn, where the note about the rewind is written
   * @return {@code toTurn}
   */
  public static int rewind(int toTurn, Journal journal, Memory memory, Compactor compactor, AgentSpec spec, int turn) {
    int abandoned = journal.abandonAfter(toTurn);
    memory.resetTo(memoryAt(toTurn, spec, journal.transcript()));
    compactor.reset();
    journal.note(turn, "rewound to the end of turn " + toTurn + "; " + abandoned + " later entries are kept but abandoned");
    journal.event(AgentEvent.Type.REWOUND, turn, "rewound to turn " + toTurn);
    return toTurn;
  }
}
