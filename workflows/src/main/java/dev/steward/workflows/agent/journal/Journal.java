package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.model.ToolCall;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's transcript (complete, for people and the model) and its event log (the most recent
 * {@value #EVENTS_KEPT} events, for watchers). Workflow-side only: every write uses workflow time.
 */
public final class Journal {

  public static final int EVENTS_KEPT = 1_000;
  public static final int MAX_PAGE = 500;

  private final List<TranscriptEntry> transcript;
  private final Deque<AgentEvent> events;
  private long nextEventSeq;
  /** Every tool call id in the transcript, so a provider that reuses ids can be caught. */
  private final Set<String> callIds = new HashSet<>();

  public Journal(List<TranscriptEntry> transcript, List<AgentEvent> events, long nextEventSeq) {
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
    TranscriptEntry entry = new TranscriptEntry(transcript.size() + 1L, turn, kind, author, text, calls, callId,
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
    events.addLast(new AgentEvent(nextEventSeq++, Workflow.currentTimeMillis(), type, turn, text, callId, tool));
    while (events.size() > EVENTS_KEPT) {
      events.removeFirst();
    }
  }

  /** Marks every entry after {@code turn} abandoned; returns how many were. */
  public int abandonAfter(int turn) {
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

  public List<TranscriptEntry> transcript() {
    return transcript;
  }

  public long transcriptSize() {
    return transcript.size();
  }

  public TranscriptPage page(long fromSeq, int limit) {
    int size = Math.min(limit <= 0 ? 100 : limit, MAX_PAGE);
    int from = (int) Math.max(0, fromSeq - 1);
    if (from >= transcript.size()) {
      return new TranscriptPage(List.of(), 0, transcript.size());
    }
    int to = Math.min(transcript.size(), from + size);
    long next = to < transcript.size() ? to + 1L : 0;
    return new TranscriptPage(List.copyOf(transcript.subList(from, to)), next, transcript.size());
  }

  public EventPage eventsAfter(long afterSeq, boolean stopped) {
    List<AgentEvent> out = new ArrayList<>();
    for (AgentEvent e : events) {
      if (e.seq() > afterSeq && out.size() < MAX_PAGE) {
        out.add(e);
      }
    }
    long oldest = events.isEmpty() ? nextEventSeq : events.peekFirst().seq();
    return new EventPage(out, nextEventSeq - 1, oldest, stopped);
  }

  public List<AgentEvent> eventsToCarry() {
    return List.copyOf(events);
  }

  public long nextEventSeq() {
    return nextEventSeq;
  }
}
