package dev.steward.workflows.agent.context;

import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.CountedMessages;
import java.util.List;

/**
 * The model's messages for the transcript entries the summary does not cover, kept up to date as
 * the journal grows: a model call reads only the entries written since the previous one, instead of
 * making a message of every entry of the context again (about a thousand with the default budget).
 *
 * <p>Derived state only, never carried or recorded: anything it cannot follow by appending (another
 * journal, an entry rewritten by a rewind, entries taken back from segments, a summary reset, held
 * entries moved to a segment) makes it start again from the journal.
 */
final class OpenContext {

  /** The journal the messages were read from; null before the first read. */
  private Journal journal;
  /** That journal's {@link Journal#rewrites()} when it was last read. */
  private long rewrites;
  /** The position after which entries are read: the summary's last entry, or the last one in a segment. */
  private long start;
  /** The last position read; the messages are those of the entries {@code start+1..covered}. */
  private long covered;
  private CountedMessages.Growing messages = new CountedMessages.Growing();

  /** Reads what was written since the last call, or everything again when the journal changed otherwise. */
  void sync(Journal journal, long compactedThroughSeq) {
    long from = Math.max(compactedThroughSeq, journal.segmentedThrough());
    boolean rewritten = journal != this.journal || journal.rewrites() != rewrites;
    if (rewritten || from < start || from > covered || journal.segmentedThrough() > start) {
      this.journal = journal;
      rewrites = journal.rewrites();
      start = from;
      covered = from;
      messages = new CountedMessages.Growing();
    } else if (from > start) {
      // A fold: the messages of the entries it put in the summary leave from the front.
      messages = new CountedMessages.Growing(messages, messagesIn(journal.entriesBetween(start, from)));
      start = from;
    }
    long size = journal.transcriptSize();
    if (size > covered) {
      for (TranscriptEntry e : journal.entriesBetween(covered, size)) {
        ChatMessage m = ModelContext.messageOf(e);
        if (m != null) {
          messages.add(m);
        }
      }
      covered = size;
    }
  }

  /** The characters of every message read (as of the last {@link #sync}). */
  long chars() {
    return messages.chars();
  }

  /**
   * The messages of the entries through position {@code upToSeq}, after {@code head} when it is not
   * null (as of the last {@link #sync}, which must have read that far for a complete answer).
   */
  CountedMessages through(long upToSeq, ChatMessage head) {
    int count;
    if (upToSeq >= covered) {
      count = messages.size();
    } else if (upToSeq <= start) {
      count = 0;
    } else {
      // Usually a few entries written after the position asked for: count them off the end.
      count = messages.size() - messagesIn(journal.entriesBetween(upToSeq, covered));
    }
    return messages.prefix(head, count);
  }

  private static int messagesIn(List<TranscriptEntry> entries) {
    int n = 0;
    for (TranscriptEntry e : entries) {
      if (ModelContext.seen(e)) {
        n++;
      }
    }
    return n;
  }
}
