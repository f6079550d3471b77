package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.AgentSpec;
import java.util.List;

/**
 * Everything an agent carries from one workflow run to the next when it continues as new.
 *
 * @param pendingSpec a spec update waiting for the next turn, or null
 * @param turn the last turn number used
 * @param usage totals over the agent's life
 * @param lastTurnUsage tokens the last turn used
 * @param lastOutcome the last turn's outcome, or null
 * @param transcript the whole transcript, oldest first
 * @param events the most recent events (up to 100), oldest first
 * @param nextEventSeq the sequence number the next event gets
 * @param inbox messages waiting for their turn
 * @param seenMessageIds ids of recently accepted messages (up to 100), to ignore duplicates
 * @param runs workflow runs so far, this one included
 * @param memory the memory blocks
 * @param summary the summary of folded turns, or null
 * @param compactedThroughSeq the last transcript entry folded into the summary; 0 when none
 * @param schedules the schedules' state (paused, counts)
 * @param deletedSchedules names of schedules deleted by a person or dropped by a spec update, which
 *     stay deleted; null in states carried before there was such a list
 * @param segments the older transcript entries kept in the blob store, oldest first (old references
 *     folded into index segments, see {@link TranscriptSegment#level()}); {@code transcript} then holds
 *     only the entries after the last segment. Null in states carried before there were segments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentState(
    AgentSpec pendingSpec,
    int turn,
    Usage usage,
    TokenUsage lastTurnUsage,
    TurnOutcome lastOutcome,
    List<TranscriptEntry> transcript,
    List<AgentEvent> events,
    long nextEventSeq,
    List<UserMessage> inbox,
    List<String> seenMessageIds,
    int runs,
    List<MemoryBlock> memory,
    String summary,
    long compactedThroughSeq,
    List<ScheduleState> schedules,
    List<String> deletedSchedules,
    List<TranscriptSegment> segments) {

  /** A state whose transcript is all in {@code transcript}, with no segments. */
  public AgentState(AgentSpec pendingSpec, int turn, Usage usage, TokenUsage lastTurnUsage, TurnOutcome lastOutcome,
      List<TranscriptEntry> transcript, List<AgentEvent> events, long nextEventSeq, List<UserMessage> inbox,
      List<String> seenMessageIds, int runs, List<MemoryBlock> memory, String summary, long compactedThroughSeq,
      List<ScheduleState> schedules, List<String> deletedSchedules) {
    this(pendingSpec, turn, usage, lastTurnUsage, lastOutcome, transcript, events, nextEventSeq, inbox, seenMessageIds,
        runs, memory, summary, compactedThroughSeq, schedules, deletedSchedules, null);
  }

  /** True when part of the transcript is in segments. */
  public boolean hasSegments() {
    return segments != null && !segments.isEmpty();
  }

  /** This state with the whole transcript in {@code transcript} and no segments, e.g. once the segments were read. */
  public AgentState withTranscript(List<TranscriptEntry> whole) {
    return new AgentState(pendingSpec, turn, usage, lastTurnUsage, lastOutcome, whole, events, nextEventSeq, inbox,
        seenMessageIds, runs, memory, summary, compactedThroughSeq, schedules, deletedSchedules, null);
  }
}
