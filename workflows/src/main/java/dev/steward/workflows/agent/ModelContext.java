package dev.steward.workflows.agent;

import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** Turns the transcript into the messages a model sees. Notes are for people and stay out. */
final class ModelContext {

  private ModelContext() {}

  static List<ChatMessage> from(List<TranscriptEntry> transcript) {
    List<ChatMessage> messages = new ArrayList<>(transcript.size());
    for (TranscriptEntry e : transcript) {
      switch (e.kind()) {
        case USER -> messages.add(ChatMessage.user(e.text()));
        case ASSISTANT -> messages.add(ChatMessage.assistant(e.text(), e.toolCalls()));
        case TOOL_RESULT -> messages.add(ChatMessage.toolResult(new ToolCall(e.callId(), e.author(), ""), e.text()));
        case NOTE -> { }
      }
    }
    return messages;
  }
}
