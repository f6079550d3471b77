package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.model.ToolCall;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The agent's transcript (complete, for people and the model) and its event log (the most recent
 * events, for watchers: {@link StateBounds#EVENTS_KEPT}, or {@link StateBounds#EVENTS_KEPT_BEFORE} in runs from
 * before change id {@code bounded-carried-state}). Workflow-side only: every write uses workflow time.
 *
 * <p>Older entries may live in {@link TranscriptSegment}s in the blob store: the journal then holds
 * their references and only the entries after them (the tail), so its size does not grow with the
 * agent's age. Sequence numbers run on across both. Since change id {@code events-in-segments} the
 * same segments also take the events older than the newest {@link StateBounds#EVENTS_HELD}, so
 * watchers still read every event; the cap of {@link StateBounds#EVENTS_KEPT} remains for an agent
 * that never folds (its older events are then dropped). A rewind takes the entries back and drops the
 * references, and with them the events they held.
 */
public final class Journal {

  public static final int MAX_PAGE = 500;

  /** The entries after the last segment, oldest first. */
  private final List<TranscriptEntry> transcript;
  private final List<TranscriptSegment> segments = new ArrayList<>();
  /** The last entry kept in a segment; 0 when none. */
  private long segmentedThrough;
  private final Deque<AgentEvent> events;
  private long nextEventSeq;
  /** Every tool call id in the transcript, so a provider that reuses ids can be caught. */
  private final Set<String> callIds = new HashSet<>();
  /** How many events to keep; asked of the workflow's version at the first event of the run. */
  private int eventsKept;
  /** Changes to held entries other than appending one, so what is derived from them knows to start again. */
  private long rewrites;

  public Journal(List<TranscriptEntry> transcript, List<AgentEvent> events, long nextEventSeq) {
    this(List.of(), transcript, events, nextEventSeq);
  }

  /** A journal whose older entries are in {@code segments} and later ones in {@code transcript}. */
  public Journal(List<TranscriptSegment> segments, List<TranscriptEntry> transcript, List<AgentEvent> events,
      long nextEventSeq) {
    if (segments != null) {
      this.segments.addAll(segments);
      this.segmentedThrough = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).toSeq();
    }
    this.transcript = new ArrayList<>(transcript == null ? List.of() : transcript);
    this.transcript.forEach(e -> e.toolCalls().forEach(c -> callIds.add(c.id())));
    this.events = new ArrayDeque<>(events == null ? List.of() : events);
    this.nextEventSeq = Math.max(1, nextEventSeq);
  }

  public static Journal empty() {
    return new Journal(List.of(), List.of(), 1);
  }

  public TranscriptEntry write(int turn, TranscriptEntry.Kind kind, String author, String text, List<ToolCall> calls,
      String callId, boolean error) {
    TranscriptEntry entry = new TranscriptEntry(transcriptSize() + 1L, turn, kind, author, text, calls, callId,
        error, Workflow.currentTimeMillis(), false);
    transcript.add(entry);
    entry.toolCalls().forEach(c -> callIds.add(c.id()));
    return entry;
  }

  public TranscriptEntry note(int turn, String text) {
    return write(turn, TranscriptEntry.Kind.NOTE, "steward", text, List.of(), null, false);
  }

  /** True when a tool call with this id was written before. */
  public boolean knowsCallId(String id) {
    return callIds.contains(id);
  }

  public void event(AgentEvent.Type type, int turn, String text) {
    event(type, turn, text, null, null);
  }

  public void event(AgentEvent.Type type, int turn, String text, String callId, String tool) {
    if (eventsKept == 0) {
      eventsKept = StateBounds.bounded() ? StateBounds.EVENTS_KEPT : StateBounds.EVENTS_KEPT_BEFORE;
    }
    events.addLast(new AgentEvent(nextEventSeq++, Workflow.currentTimeMillis(), type, turn, text, callId, tool));
    while (events.size() > eventsKept) {
      events.removeFirst();
    }
  }

  /** Marks every entry after {@code turn} abandoned; returns how many were. */
  public int abandonAfter(int turn) {
    rewrites++;
    int count = 0;
    for (int i = 0; i < transcript.size(); i++) {
      TranscriptEntry e = transcript.get(i);
      if (e.turn() > turn && !e.abandoned()) {
        transcript.set(i, e.abandon());
        count++;
      }
    }
    return count;
  }

  /**
   * How many times held entries changed other than by {@link #write}: marked abandoned, or taken
   * back from segments. Dropping entries into a segment is seen in {@link #segmentedThrough()}.
   */
  public long rewrites() {
    return rewrites;
  }

  /** The entries the journal holds: all of them, or those after the last segment. */
  public List<TranscriptEntry> transcript() {
    return transcript;
  }

  /** The entries after {@code seq} (which must not be inside a segment), oldest first. */
  public List<TranscriptEntry> entriesAfter(long seq) {
    int from = (int) Math.max(0, seq - segmentedThrough);
    return transcript.subList(Math.min(from, transcript.size()), transcript.size());
  }

  /** The entries after {@code afterSeq} through {@code upToSeq}, of those the journal holds. */
  public List<TranscriptEntry> entriesBetween(long afterSeq, long upToSeq) {
    int from = (int) Math.max(0, afterSeq - segmentedThrough);
    int to = (int) Math.max(0, Math.min(transcript.size(), upToSeq - segmentedThrough));
    return transcript.subList(Math.min(from, to), to);
  }

  /** How many entries the whole transcript has, segments included. */
  public long transcriptSize() {
    return segmentedThrough + transcript.size();
  }

  /** The references of the entries kept in the blob store, oldest first. */
  public List<TranscriptSegment> segments() {
    return List.copyOf(segments);
  }

  /** The last entry kept in a segment; 0 when none. */
  public long segmentedThrough() {
    return segmentedThrough;
  }

  /**
   * The first {@code segment}'s worth of held entries, and the events it holds, are now in the blob
   * store: the journal drops them.
   */
  public void segmented(TranscriptSegment segment) {
    if (segment.fromSeq() != segmentedThrough + 1 || segment.toSeq() > transcriptSize()) {
      throw new IllegalStateException("segment " + segment.fromSeq() + "–" + segment.toSeq()
          + " does not follow entry " + segmentedThrough);
    }
    transcript.subList(0, (int) (segment.toSeq() - segmentedThrough)).clear();
    while (segment.holdsEvents() && !events.isEmpty() && events.peekFirst().seq() <= segment.eventsTo()) {
      events.removeFirst();
    }
    segments.add(segment);
    segmentedThrough = segment.toSeq();
  }

  /**
   * The {@code count} references from position {@code from} on are now held by {@code index}, one
   * level up: the journal keeps the index's reference in their place.
   */
  public void indexed(int from, int count, TranscriptSegment index) {
    List<TranscriptSegment> folded = segments.subList(from, from + count);
    if (index.fromSeq() != folded.get(0).fromSeq() || index.toSeq() != folded.get(count - 1).toSeq()) {
      throw new IllegalStateException("index " + index.fromSeq() + "–" + index.toSeq() + " does not cover segments "
          + folded.get(0).fromSeq() + "–" + folded.get(count - 1).toSeq());
    }
    folded.clear();
    segments.add(from, index);
  }

  /** Takes the entries of every segment back into the journal (read from the store), e.g. for a rewind. */
  public void unsegment(List<TranscriptEntry> older) {
    if (older.size() != segmentedThrough) {
      throw new IllegalStateException("the segments held " + older.size() + " entries, not " + segmentedThrough);
    }
    rewrites++;
    transcript.addAll(0, older);
    older.forEach(e -> e.toolCalls().forEach(c -> callIds.add(c.id())));
    segments.clear();
    segmentedThrough = 0;
  }

  public TranscriptPage page(long fromSeq, int limit) {
    long total = transcriptSize();
    long first = Math.max(1, fromSeq);
    if (first <= segmentedThrough) {
      // Older entries are in the blob store: the reader fetches the segment that holds them.
      for (TranscriptSegment s : segments) {
        if (s.holds(first)) {
          return new TranscriptPage(List.of(), s.toSeq() < total ? s.toSeq() + 1 : 0, total, List.of(s));
        }
      }
    }
    int size = Math.min(limit <= 0 ? 100 : limit, MAX_PAGE);
    int from = (int) (first - 1 - segmentedThrough);
    if (from >= transcript.size()) {
      return new TranscriptPage(List.of(), 0, total);
    }
    int to = Math.min(transcript.size(), from + size);
    long next = to < transcript.size() ? segmentedThrough + to + 1L : 0;
    return new TranscriptPage(List.copyOf(transcript.subList(from, to)), next, total);
  }

  /**
   * The held events after {@code afterSeq}, and the references of the segments that hold older ones
   * after it (a query cannot read the store: the reader does).
   */
  public EventPage eventsAfter(long afterSeq, boolean stopped) {
    // Held events are in sequence order, oldest first: walk back from the newest, so a reader that
    // is nearly up to date (the worker's observer looks at every call the workflow makes) reads the
    // few new events, not every held one.
    List<AgentEvent> newest = new ArrayList<>();
    for (Iterator<AgentEvent> it = events.descendingIterator(); it.hasNext(); ) {
      AgentEvent e = it.next();
      if (e.seq() <= afterSeq) {
        break;
      }
      newest.add(e);
    }
    Collections.reverse(newest);
    List<AgentEvent> out = newest.size() <= MAX_PAGE ? newest : newest.subList(0, MAX_PAGE);
    long oldest = events.isEmpty() ? nextEventSeq : events.peekFirst().seq();
    List<TranscriptSegment> holding = new ArrayList<>();
    for (TranscriptSegment s : segments) {
      if (s.holdsEvents()) {
        oldest = Math.min(oldest, s.eventsFrom());
        if (s.holdsEventsAfter(afterSeq)) {
          holding.add(s);
        }
      }
    }
    return new EventPage(out, nextEventSeq - 1, oldest, stopped, holding);
  }

  /**
   * The sequence numbers of the held events older than the newest {@code held}, which may go into
   * the next segment: {@code {from, to}}, or {@code {0, 0}} when there are none.
   */
  public long[] eventsBeyond(int held) {
    if (events.size() <= held) {
      return new long[] {0, 0};
    }
    List<AgentEvent> all = List.copyOf(events);
    return new long[] {all.get(0).seq(), all.get(all.size() - held - 1).seq()};
  }

  public List<AgentEvent> eventsToCarry() {
    return List.copyOf(events);
  }

  public long nextEventSeq() {
    return nextEventSeq;
  }
}
