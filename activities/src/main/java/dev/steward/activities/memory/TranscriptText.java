package dev.steward.activities.memory;

import dev.steward.workflows.agent.TranscriptEntry;
import java.util.List;

/** Transcript entries as plain text for a summariser. */
final class TranscriptText {

  private TranscriptText() {}

  static String render(List<TranscriptEntry> entries) {
    StringBuilder sb = new StringBuilder();
    for (TranscriptEntry e : entries) {
      String who = switch (e.kind()) {
        case USER -> e.author();
        case ASSISTANT -> "assistant";
        case TOOL_RESULT -> "tool " + e.author();
        default -> null;
      };
      if (who == null || e.abandoned()) {
        continue;
      }
      sb.append("[turn ").append(e.turn()).append("] ").append(who).append(": ").append(e.text());
      e.toolCalls().forEach(c -> sb.append(" (calls ").append(c.name()).append(' ').append(c.arguments()).append(')'));
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * A deterministic extract: the previous summary, then the start of each message, keeping the
   * newest {@code maxChars} so the summary itself never outgrows the context.
   */
  static String extract(String previous, List<TranscriptEntry> entries, int chars, int maxChars) {
    StringBuilder sb = new StringBuilder(previous == null ? "" : previous.strip());
    for (TranscriptEntry e : entries) {
      if (e.abandoned() || (e.kind() != TranscriptEntry.Kind.USER && e.kind() != TranscriptEntry.Kind.ASSISTANT)
          || e.text().isBlank()) {
        continue;
      }
      String line = e.text().replaceAll("\\s+", " ").strip();
      if (line.length() > chars) {
        line = line.substring(0, chars) + "…";
      }
      sb.append(sb.length() == 0 ? "" : "\n").append("turn ").append(e.turn())
          .append(e.kind() == TranscriptEntry.Kind.USER ? " asked: " : " answered: ").append(line);
    }
    if (sb.length() <= maxChars) {
      return sb.toString();
    }
    String tail = sb.substring(sb.length() - maxChars);
    int newline = tail.indexOf('\n');
    return "…" + (newline >= 0 ? tail.substring(newline) : tail);
  }
}
