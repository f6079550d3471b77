package dev.steward.workflows.agent.context;

import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.CountedMessages;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The transcript entries the model sees after the summary, and their characters, kept up to date as
 * the journal grows: a model call reads only the entries written since the previous one, instead of
 * making a message of every entry of the context again (about a thousand with the default budget).
 *
 * <p>Holds one reference per entry (the entries are immutable records the journal holds anyway);
 * a view's messages are made from them when read, on whichever thread reads them. Derived state
 * only, never carried or recorded: anything it cannot follow by appending (another journal, an entry
 * rewritten by a rewind, entries taken back from segments, a summary reset, held entries moved to a
 * segment) makes it start again from the journal.
 */
final class OpenContext {

  private static final TranscriptEntry[] NONE = new TranscriptEntry[0];

  /** The journal the entries were read from; null before the first read. */
  private Journal journal;
  /** That journal's {@link Journal#rewrites()} when it was last read. */
  private long rewrites;
  /** The position after which entries are read: the summary's last entry, or the last one in a segment. */
  private long start;
  /** The last position read: {@code seen} holds the entries of {@code start+1..covered} the model sees. */
  private long covered;
  /**
   * Only ever appended to in place: a slot is written once, before any view that covers it is made,
   * and a full array is replaced, so views made earlier never see a change.
   */
  private TranscriptEntry[] seen = NONE;
  private int size;
  /** The characters of the messages of {@code seen[0..size)}. */
  private long chars;

  /** Reads what was written since the last call, or everything again when the journal changed otherwise. */
  void sync(Journal journal, long compactedThroughSeq) {
    long from = Math.max(compactedThroughSeq, journal.segmentedThrough());
    boolean rewritten = journal != this.journal || journal.rewrites() != rewrites;
    if (rewritten || from < start || from > covered || journal.segmentedThrough() > start) {
      this.journal = journal;
      rewrites = journal.rewrites();
      start = from;
      covered = from;
      seen = NONE;
      size = 0;
      chars = 0;
    } else if (from > start) {
      // A fold: the entries it put in the summary leave from the front.
      int dropped = seenIn(journal.entriesBetween(start, from));
      for (int i = 0; i < dropped; i++) {
        chars -= charsOf(seen[i]);
      }
      seen = Arrays.copyOfRange(seen, dropped, Math.max(dropped, size));
      size -= dropped;
      start = from;
    }
    long total = journal.transcriptSize();
    if (total > covered) {
      for (TranscriptEntry e : journal.entriesBetween(covered, total)) {
        if (ModelContext.seen(e)) {
          add(e);
        }
      }
      covered = total;
    }
  }

  /** The characters of every message read (as of the last {@link #sync}). */
  long chars() {
    return chars;
  }

  /**
   * The messages of the entries through position {@code upToSeq}, after the summary's message when
   * there is a summary (as of the last {@link #sync}, which must have read that far for a complete
   * answer).
   */
  CountedMessages through(long upToSeq, String summary) {
    int count;
    if (upToSeq >= covered) {
      count = size;
    } else if (upToSeq <= start) {
      count = 0;
    } else {
      // Usually a few entries written after the position asked for: count them off the end.
      count = size - seenIn(journal.entriesBetween(upToSeq, covered));
    }
    long n = chars + ModelContext.summaryChars(summary);
    for (int i = count; i < size; i++) {
      n -= charsOf(seen[i]);
    }
    return new Messages(ModelContext.hasSummary(summary) ? summary : null, seen, count, n);
  }

  private void add(TranscriptEntry e) {
    if (size == seen.length) {
      seen = Arrays.copyOf(seen, Math.max(16, size * 2));
    }
    seen[size++] = e;
    chars += charsOf(e);
  }

  private static long charsOf(TranscriptEntry e) {
    return CountedMessages.charsOf(ModelContext.messageOf(e));
  }

  private static int seenIn(List<TranscriptEntry> entries) {
    int n = 0;
    for (TranscriptEntry e : entries) {
      if (ModelContext.seen(e)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The summary's message when there is a summary, then the messages of {@code entries[0..count)};
   * each made when read, so a view kept anywhere holds no copy of the texts.
   */
  private static final class Messages extends CountedMessages {

    /** The summary; null when the view has none. */
    private final String summary;
    private final TranscriptEntry[] entries;
    private final int count;
    private final long chars;

    Messages(String summary, TranscriptEntry[] entries, int count, long chars) {
      this.summary = summary;
      this.entries = entries;
      this.count = count;
      this.chars = chars;
    }

    @Override
    public long chars() {
      return chars;
    }

    @Override
    public ChatMessage get(int index) {
      Objects.checkIndex(index, size());
      if (summary == null) {
        return ModelContext.messageOf(entries[index]);
      }
      return index == 0 ? ModelContext.summaryMessage(summary) : ModelContext.messageOf(entries[index - 1]);
    }

    @Override
    public int size() {
      return summary == null ? count : count + 1;
    }
  }
}
