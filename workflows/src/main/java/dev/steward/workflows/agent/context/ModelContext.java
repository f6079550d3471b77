package dev.steward.workflows.agent.context;

import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.CountedMessages;
import dev.steward.workflows.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds what a model sees: the instructions and memory blocks, the summary of folded turns, and
 * the transcript since. Notes, memory edits and summaries in the transcript are for people.
 */
public final class ModelContext {

  public static final String SUMMARY_PREFIX = "(Summary of the earlier conversation, written by you for yourself.)\n";

  private ModelContext() {}

  public static ModelContextView view(String system, String summary, List<TranscriptEntry> transcript, long afterSeq,
      long upToSeq) {
    List<ChatMessage> messages = new ArrayList<>();
    ChatMessage head = summaryMessage(summary);
    if (head != null) {
      messages.add(head);
    }
    int from = (int) Math.max(0, afterSeq);
    int to = (int) Math.min(transcript.size(), upToSeq);
    for (TranscriptEntry e : transcript.subList(Math.min(from, to), to)) {
      ChatMessage m = messageOf(e);
      if (m != null) {
        messages.add(m);
      }
    }
    return new ModelContextView(system, messages);
  }

  /**
   * What the model sees of one transcript entry; null for entries it does not see (abandoned ones,
   * notes, memory edits and summaries).
   */
  static ChatMessage messageOf(TranscriptEntry e) {
    if (!seen(e)) {
      return null;
    }
    return switch (e.kind()) {
      case USER -> ChatMessage.user(e.text());
      case ASSISTANT -> ChatMessage.assistant(e.text(), e.toolCalls());
      case TOOL_RESULT -> ChatMessage.toolResult(new ToolCall(e.callId(), e.author(), ""), e.text(), e.error());
      default -> null;
    };
  }

  /** True for the entries the model sees: people's messages, its own, and tool results, unless abandoned. */
  static boolean seen(TranscriptEntry e) {
    return !e.abandoned() && (e.kind() == TranscriptEntry.Kind.USER || e.kind() == TranscriptEntry.Kind.ASSISTANT
        || e.kind() == TranscriptEntry.Kind.TOOL_RESULT);
  }

  /** True when the model sees a summary: there is one, and it says something. */
  static boolean hasSummary(String summary) {
    return summary != null && !summary.isBlank();
  }

  /** The message that stands for the folded turns; null when there is no summary. */
  static ChatMessage summaryMessage(String summary) {
    return hasSummary(summary) ? ChatMessage.user(SUMMARY_PREFIX + summary) : null;
  }

  /** The characters of {@link #summaryMessage}'s text, without making it. */
  static long summaryChars(String summary) {
    return hasSummary(summary) ? SUMMARY_PREFIX.length() + summary.length() : 0;
  }

  /** Tokens of the whole view, estimated at four characters a token. */
  public static long estimateTokens(ModelContextView view) {
    return estimateTokens(view.system().length() + CountedMessages.charsOf(view.messages()));
  }

  /** Tokens of {@code chars} characters of context, estimated at four characters a token. */
  static long estimateTokens(long chars) {
    return (chars + 3) / 4;
  }
}
