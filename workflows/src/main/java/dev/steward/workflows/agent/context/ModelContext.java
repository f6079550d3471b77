package dev.steward.workflows.agent.context;

import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.model.ChatMessage;
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
    if (summary != null && !summary.isBlank()) {
      messages.add(ChatMessage.user(SUMMARY_PREFIX + summary));
    }
    int from = (int) Math.max(0, afterSeq);
    int to = (int) Math.min(transcript.size(), upToSeq);
    for (TranscriptEntry e : transcript.subList(Math.min(from, to), to)) {
      if (e.abandoned()) {
        continue;
      }
      switch (e.kind()) {
        case USER -> messages.add(ChatMessage.user(e.text()));
        case ASSISTANT -> messages.add(ChatMessage.assistant(e.text(), e.toolCalls()));
        case TOOL_RESULT -> messages.add(
            ChatMessage.toolResult(new ToolCall(e.callId(), e.author(), ""), e.text(), e.error()));
        default -> { }
      }
    }
    return new ModelContextView(system, messages);
  }

  /** Tokens of the whole view, estimated at four characters a token. */
  public static long estimateTokens(ModelContextView view) {
    long chars = view.system().length();
    for (ChatMessage m : view.messages()) {
      chars += m.text().length();
      for (ToolCall c : m.toolCalls()) {
        chars += c.name().length() + (c.arguments() == null ? 0 : c.arguments().length());
      }
    }
    return (chars + 3) / 4;
  }
}
