package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.TranscriptEntry;
import java.util.List;

/**
 * The workflow's current details as the Temporal Web UI shows them (it renders Markdown): what the
 * agent does or waits for now, then the last exchange, so a person reading the UI knows where the
 * conversation stands without opening the transcript. Not a command: changing it never affects replay.
 *
 * <p>An instance remembers the last exchange it rendered: a turn shows new details at every step
 * while its last message and reply stay the same, so those two lines are escaped and cut once.
 */
public final class CurrentDetails {

  public static final int TEXT_KEPT = 160;

  /** The entries the remembered lines were rendered from (entries are immutable: same object, same text). */
  private TranscriptEntry renderedMessage;
  private TranscriptEntry renderedReply;
  private String exchange;

  /**
   * @param turn the agent's turn
   * @param now what it does or waits for, e.g. {@code waiting for approval of http_get (call c1)}
   * @param transcript the whole transcript; only its end is read
   */
  public static String render(int turn, String now, List<TranscriptEntry> transcript) {
    return new CurrentDetails().details(turn, now, transcript);
  }

  /** As {@link #render}, reusing the last exchange's lines when it has not changed since the last call. */
  public String details(int turn, String now, List<TranscriptEntry> transcript) {
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
    String head = "**turn " + turn + "** · " + escape(now);
    if (message == null) {
      return head;
    }
    if (exchange == null || message != renderedMessage || reply != renderedReply) {
      renderedMessage = message;
      renderedReply = reply;
      exchange = "\n\n" + line("last message", message) + "  \n"
          + (reply == null ? "**last reply** none yet" : line("last reply", reply));
    }
    return head + exchange;
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
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\`*[]<>~".indexOf(c) >= 0) {
        if (out == null) {
          out = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        out.append('\\');
      }
      if (out != null) {
        out.append(c);
      }
    }
    // Most text has nothing to escape: it is returned as it is, without a copy.
    return out == null ? s : out.toString();
  }
}
