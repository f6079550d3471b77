package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.TranscriptEntry;
import java.util.List;

/**
 * The workflow's current details as the Temporal Web UI shows them (it renders Markdown): what the
 * agent does or waits for now, then the last exchange, so a person reading the UI knows where the
 * conversation stands without opening the transcript. Not a command: changing it never affects replay.
 */
public final class CurrentDetails {

  public static final int TEXT_KEPT = 160;

  private CurrentDetails() {}

  /**
   * @param turn the agent's turn
   * @param now what it does or waits for, e.g. {@code waiting for approval of http_get (call c1)}
   * @param transcript the whole transcript; only its end is read
   */
  public static String render(int turn, String now, List<TranscriptEntry> transcript) {
    TranscriptEntry message = null;
    TranscriptEntry reply = null;
    // The transcript can be long: read back only as far as the last message and the last reply.
    for (int i = transcript.size() - 1; i >= 0 && (message == null || reply == null); i--) {
      TranscriptEntry e = transcript.get(i);
      if (e.abandoned()) {
        continue;
      }
      if (message == null && e.kind() == TranscriptEntry.Kind.USER) {
        message = e;
      } else if (reply == null && e.kind() == TranscriptEntry.Kind.ASSISTANT && !e.text().isBlank()) {
        reply = e;
      }
    }
    StringBuilder md = new StringBuilder("**turn " + turn + "** · " + escape(now));
    if (message == null) {
      return md.toString();
    }
    md.append("\n\n").append(line("last message", message)).append("  \n");
    md.append(reply == null ? "**last reply** none yet" : line("last reply", reply));
    return md.toString();
  }

  private static String line(String label, TranscriptEntry e) {
    return "**" + label + "** (turn " + e.turn() + ", " + escape(e.author()) + "): "
        + escape(Text.abbreviate(e.text(), TEXT_KEPT));
  }

  /**
   * Text from people and models is shown as written, not as Markdown or HTML. Underscores stay
   * (names like http_get are common, and inside a word they are no emphasis).
   */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if ("\\`*[]<>~".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
