package dev.steward.workflows.agent;

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
final class Journal {

  static final int EVENTS_KEPT = 1_000;
  static final int MAX_PAGE = 500;

  private final List<TranscriptEntry> transcript;
  private final Deque<AgentEvent> events;
  private long nextEventSeq;
  /** Every tool call id in the transcript, so a provider that reuses ids can be caught. */
  private final Set<String> callIds = new HashSet<>();

  Journal(List<TranscriptEntry> transcript, List<AgentEvent> events, long nextEventSeq) {
    this.transcript = new ArrayList<>(transcript == null ? List.of() : transcript);
    this.transcript.forEach(e -> e.toolCalls().forEach(c -> callIds.add(c.id())));
    this.events = new ArrayDeque<>(events == null ? List.of() : events);
    this.nextEventSeq = Math.max(1, nextEventSeq);
  }

  static Journal empty() {
    return new Journal(List.of(), List.of(), 1);
  }

  TranscriptEntry write(int turn, TranscriptEntry.Kind kind, String author, String text, List<ToolCall> calls,
      String callId, boolean error) {
    TranscriptEntry entry = new TranscriptEntry(transcript.size() + 1L, turn, kind, author, text, calls, callId,
        error, Workflow.currentTimeMillis(), false);
    transcript.add(entry);
    entry.toolCalls().forEach(c -> callIds.add(c.id()));
    return entry;
  }

  TranscriptEntry note(int turn, String text) {
    return write(turn, TranscriptEntry.Kind.NOTE, "steward", text, List.of(), null, false);
  }

  /** True when a tool call with this id was written before. */
  boolean knowsCallId(String id) {
    return callIds.contains(id);
  }

  void event(AgentEvent.Type type, int turn, String text) {
    event(type, turn, text, null, null);
  }

  void event(AgentEvent.Type type, int turn, String text, String callId, String tool) {
    events.addLast(new AgentEvent(nextEventSeq++, Workflow.currentTimeMillis(), type, turn, text, callId, tool));
    while (events.size() > EVENTS_KEPT) {
      events.removeFirst();
    }
  }

  /** Marks every entry after {@code turn} abandoned; returns how many were. */
  int abandonAfter(int turn) {
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

  List<TranscriptEntry> transcript() {
    return transcript;
  }

  long transcriptSize() {
    return transcript.size();
  }

  TranscriptPage page(long fromSeq, int limit) {
    int size = Math.min(limit <= 0 ? 100 : limit, MAX_PAGE);
    int from = (int) Math.max(0, fromSeq - 1);
    if (from >= transcript.size()) {
      return new TranscriptPage(List.of(), 0, transcript.size());
    }
    int to = Math.min(transcript.size(), from + size);
    long next = to < transcript.size() ? to + 1L : 0;
    return new TranscriptPage(List.copyOf(transcript.subList(from, to)), next, transcript.size());
  }

  EventPage eventsAfter(long afterSeq, boolean stopped) {
    List<AgentEvent> out = new ArrayList<>();
    for (AgentEvent e : events) {
      if (e.seq() > afterSeq && out.size() < MAX_PAGE) {
        out.add(e);
      }
    }
    long oldest = events.isEmpty() ? nextEventSeq : events.peekFirst().seq();
    return new EventPage(out, nextEventSeq - 1, oldest, stopped);
  }

  List<AgentEvent> eventsToCarry() {
    return List.copyOf(events);
  }

  long nextEventSeq() {
    return nextEventSeq;
  }
}
