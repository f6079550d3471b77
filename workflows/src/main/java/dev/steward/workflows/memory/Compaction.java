package dev.steward.workflows.memory;

import java.util.List;

/**
 * Where to cut the conversation when it no longer fits the context budget. Cuts fall only where a
 * person's message starts a turn, so a tool call and its result always stay on the same side.
 */
public final class Compaction {

  /** One transcript entry as compaction sees it. */
  public record Entry(long seq, boolean startsTurn, long tokens) {}

  private Compaction() {}

  /** Tokens of a text, estimated at four characters a token. */
  public static long estimateTokens(String text) {
    return text == null ? 0 : (text.length() + 3) / 4;
  }

  /**
   * The last entry to fold into the summary so that what stays fits in half the budget; or the
   * entry before the current turn when even the current turn alone does not fit; or 0 when nothing
   * can be folded.
   *
   * @param entries the entries not yet folded, oldest first
   * @param budget the context budget in tokens
   */
  public static long cutThrough(List<Entry> entries, long budget) {
    long keep = 0;
    long lastPossible = 0;
    for (int i = entries.size() - 1; i > 0; i--) {
      keep += entries.get(i).tokens();
      if (entries.get(i).startsTurn()) {
        long cut = entries.get(i - 1).seq();
        if (lastPossible == 0) {
          lastPossible = cut;
        }
        if (keep <= budget / 2) {
          lastPossible = cut;
        } else {
          return lastPossible;
        }
      }
    }
    return lastPossible;
  }

  /** Tokens of the entries up to and including {@code throughSeq}. */
  public static long tokensThrough(List<Entry> entries, long throughSeq) {
    return entries.stream().filter(e -> e.seq() <= throughSeq).mapToLong(Entry::tokens).sum();
  }

  /**
   * Where the next fold should end so that one summariser call reads at most {@code limit} tokens
   * of entries: the last turn boundary (or {@code cut}) within the limit, or the first boundary
   * when even the first turn is larger, so that every fold makes progress.
   *
   * @param entries the entries not yet folded, oldest first
   * @param cut the last entry to fold in all, from {@link #cutThrough}
   */
  public static long chunkEnd(List<Entry> entries, long cut, long limit) {
    long tokens = 0;
    long best = 0;
    for (int i = 0; i < entries.size() && entries.get(i).seq() <= cut; i++) {
      Entry e = entries.get(i);
      tokens += e.tokens();
      boolean boundary = e.seq() == cut || (i + 1 < entries.size() && entries.get(i + 1).startsTurn());
      if (boundary) {
        if (tokens > limit) {
          return best > 0 ? best : e.seq();
        }
        best = e.seq();
      }
    }
    return best > 0 ? best : cut;
  }
}
