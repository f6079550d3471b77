package dev.steward.workflows.memory;

import dev.steward.workflows.agent.AgentCheckpoint;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.AgentState;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.agent.lifecycle.Checkpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what an agent's queries return into whole answers by reading segments from the store: a
 * transcript page whose entries are in a segment, an event page whose older events are, and a
 * checkpoint whose older entries are. For
 * readers outside the workflow (client, gateway, CLI, activities); a query cannot read the store.
 */
public final class TranscriptReader {

  private final SegmentStore store;

  public TranscriptReader(SegmentStore store) {
    this.store = store;
  }

  /**
   * The page as if the agent held every entry: when the query pointed at a segment, up to
   * {@code limit} of its entries from {@code fromSeq} on, read from the store.
   */
  public TranscriptPage resolve(TranscriptPage page, long fromSeq, int limit) {
    if (page.segments().isEmpty()) {
      return page;
    }
    TranscriptSegment segment = page.segments().get(0);
    int size = limit <= 0 ? 100 : limit;
    List<TranscriptEntry> out = store.readFrom(segment, fromSeq, size);
    long last = out.isEmpty() ? segment.toSeq() : out.get(out.size() - 1).seq();
    return new TranscriptPage(out, last < page.total() ? last + 1 : 0, page.total());
  }

  /**
   * The page as if the agent held every event: the events after {@code afterSeq} that the segments
   * it names hold (read from the store), then those the agent holds, at most {@code limit} in all.
   */
  public EventPage resolve(EventPage page, long afterSeq, int limit) {
    if (page.segments().isEmpty()) {
      return page;
    }
    List<AgentEvent> out = new ArrayList<>(store.readEvents(page.segments(), afterSeq, limit));
    long last = out.isEmpty() ? afterSeq : out.get(out.size() - 1).seq();
    for (AgentEvent e : page.events()) {
      if (e.seq() > last && out.size() < limit) {
        out.add(e);
      }
    }
    return new EventPage(out, page.lastSeq(), page.oldestSeq(), page.stopped());
  }

  /**
   * The checkpoint with its whole transcript in the state (segments read from the store), cut at
   * {@code atTurn} the way the agent cuts one it holds whole; 0 or less for everything as it is.
   */
  public AgentCheckpoint resolve(AgentCheckpoint checkpoint, int atTurn) {
    AgentState state = checkpoint.state();
    if (state == null || !state.hasSegments()) {
      return checkpoint;
    }
    List<TranscriptEntry> whole = new ArrayList<>(store.readAll(state.segments()));
    whole.addAll(state.transcript() == null ? List.of() : state.transcript());
    AgentState resolved = atTurn <= 0 || atTurn >= state.turn()
        ? state.withTranscript(whole)
        : Checkpoints.at(atTurn, checkpoint.spec(), whole);
    return new AgentCheckpoint(checkpoint.spec(), checkpoint.tenant(), resolved);
  }
}
