package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.model.ToolCall;
import java.util.List;

/**
 * One entry of the transcript people read: every message in and out, every tool call and result,
 * and notes from Steward itself (limits, errors, interruptions).
 *
 * @param seq position in the transcript, from 1, never reused
 * @param turn the turn it belongs to (0 before the first turn)
 * @param kind what it is
 * @param author who wrote it: the sender, the model label, a tool name, or {@code steward}
 * @param text its text
 * @param toolCalls for {@link Kind#ASSISTANT}: the tools called
 * @param callId for {@link Kind#TOOL_RESULT}: the call answered
 * @param error for {@link Kind#TOOL_RESULT}: the tool failed
 * @param timeMillis when it was written, epoch milliseconds (workflow time)
 * @param abandoned true for entries of turns undone by a rewind: kept for the record, out of the model's context
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptEntry(
    long seq,
    int turn,
    Kind kind,
    String author,
    String text,
    List<ToolCall> toolCalls,
    String callId,
    boolean error,
    long timeMillis,
    boolean abandoned) {

  public enum Kind {
    USER,
    ASSISTANT,
    TOOL_RESULT,
    /** Steward's own remark: a limit, an error, an interruption. */
    NOTE,
    /** A memory block changed; the text is the block's new text and the author who changed it. */
    MEMORY,
    /** Older turns were folded into this summary; the model sees the latest one instead of them. */
    SUMMARY
  }

  public TranscriptEntry {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public TranscriptEntry abandon() {
    return new TranscriptEntry(seq, turn, kind, author, text, toolCalls, callId, error, timeMillis, true);
  }
}
