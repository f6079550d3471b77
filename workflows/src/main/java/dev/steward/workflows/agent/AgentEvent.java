package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * Something that happened to the agent, for watchers. Sequence numbers only grow, across
 * continue-as-new too, so a watcher resumes from the last number it saw.
 *
 * @param seq position in the event log, from 1
 * @param timeMillis when it happened, epoch milliseconds (workflow time)
 * @param type what happened
 * @param turn the turn it belongs to
 * @param text a human-readable line
 * @param callId the tool call concerned, if any
 * @param tool the tool concerned, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentEvent(long seq, long timeMillis, Type type, int turn, String text, String callId, String tool) {

  public enum Type {
    MESSAGE_RECEIVED,
    TURN_STARTED,
    TOOL_CALL_REQUESTED,
    APPROVAL_NEEDED,
    APPROVAL_DECIDED,
    TOOL_CALL_STARTED,
    TOOL_CALL_FINISHED,
    SLEEPING,
    REPLY,
    ERROR,
    MODEL_SWITCHED,
    MEMORY_CHANGED,
    COMPACTED,
    REWOUND,
    QUESTION_ASKED,
    QUESTION_ANSWERED,
    SCHEDULE_CHANGED,
    USAGE,
    TURN_ENDED,
    SPEC_UPDATED,
    STOPPED
  }
}
