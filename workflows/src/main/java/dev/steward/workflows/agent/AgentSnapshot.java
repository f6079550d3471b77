package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.AgentSpec;
import java.util.List;

/**
 * What an agent is and does right now.
 *
 * @param agentId the agent's id (its workflow id)
 * @param tenant who owns it
 * @param status what it is doing
 * @param turn the number of the current or last turn
 * @param spec its spec (the one in force; a pending update applies from the next turn)
 * @param pendingApprovals tool calls waiting for a person
 * @param inbox messages waiting for their turn
 * @param usage totals over the agent's life
 * @param lastTurnUsage tokens the current or last turn used
 * @param lastOutcome how the last finished turn ended, or null before the first
 * @param sleepingUntilMillis while sleeping, when it wakes (epoch milliseconds); else 0
 * @param runs how many workflow runs the agent has had (continue-as-new count + 1)
 * @param transcriptSize entries in the transcript
 * @param memory the memory blocks
 * @param summary the summary of folded turns the model sees instead of them, or null
 * @param compactedThroughSeq the last transcript entry folded into the summary; 0 when none
 * @param pendingQuestions {@code ask_human} questions waiting for a person
 * @param schedules the agent's schedules
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentSnapshot(
    String agentId,
    String tenant,
    AgentStatus status,
    int turn,
    AgentSpec spec,
    List<PendingApproval> pendingApprovals,
    List<UserMessage> inbox,
    Usage usage,
    TokenUsage lastTurnUsage,
    TurnOutcome lastOutcome,
    long sleepingUntilMillis,
    int runs,
    long transcriptSize,
    List<MemoryBlock> memory,
    String summary,
    long compactedThroughSeq,
    List<PendingQuestion> pendingQuestions,
    List<ScheduleState> schedules) {}
