package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.agent.journal.StateBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Change id {@code events-in-segments}: events older than the newest {@link StateBounds#EVENTS_HELD}
 * leave the agent's state with the turn's transcript segment, and a reader of the {@code events}
 * query that reads the segments it names sees every event, in order, across continue-as-new.
 */
class EventsInSegmentsTest {

  /** Every event after {@code afterSeq}, page by page of at most {@code limit}, segments read from the store. */
  static List<AgentEvent> everyEvent(AgentWorkflow agent, long afterSeq, int limit) {
    List<AgentEvent> out = new ArrayList<>();
    long after = afterSeq;
    while (true) {
      EventPage page = TranscriptSegmentsTest.READER.resolve(agent.events(after), after, limit);
      if (page.events().isEmpty()) {
        return out;
      }
      out.addAll(page.events());
      after = page.events().get(page.events().size() - 1).seq();
    }
  }

  private static List<Long> oneTo(long last) {
    return LongStream.rangeClosed(1, last).boxed().toList();
  }

  @Test
  void oldEventsLeaveTheStateAndReadersStillSeeEveryEventAcrossContinueAsNew() {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = TranscriptSegmentsTest.talk(kit, "evented", 30, 120);
      agent.ask(UserMessage.of("last question " + "q".repeat(200)));
      // The turn's segment write runs after the turn ends: wait for it.
      await().untilAsserted(() -> assertThat(agent.checkpoint(0).state().transcript())
          .allMatch(e -> e.seq() > agent.checkpoint(0).state().compactedThroughSeq()));

      AgentState state = agent.checkpoint(0).state();
      EventPage raw = agent.events(0);
      assertThat(agent.snapshot().runs()).as("runs").isGreaterThan(1);
      assertThat(state.events()).as("events the agent holds")
          .hasSizeLessThanOrEqualTo(StateBounds.EVENTS_HELD + 15);
      assertThat(raw.lastSeq()).as("events written").isGreaterThan(StateBounds.EVENTS_KEPT + 50L);
      assertThat(raw.segments()).as("the query names the segments holding older events").isNotEmpty()
          .allMatch(TranscriptSegment::holdsEvents);
      assertThat(state.segments()).as("index segments carry their children's events")
          .filteredOn(TranscriptSegment::refersToSegments).isNotEmpty().allMatch(TranscriptSegment::holdsEvents);
      assertThat(raw.oldestSeq()).as("no event was dropped").isEqualTo(1);

      List<AgentEvent> all = everyEvent(agent, 0, 500);
      assertThat(all).extracting(AgentEvent::seq).containsExactlyElementsOf(oneTo(raw.lastSeq()));
      assertThat(all).filteredOn(e -> e.type() == AgentEvent.Type.REPLY).hasSize(31);
      assertThat(everyEvent(agent, 0, 7)).as("small pages").isEqualTo(all);
      long middle = all.get(all.size() / 3).seq();
      assertThat(everyEvent(agent, middle, 500)).as("from the middle").isEqualTo(all.subList((int) middle, all.size()));
      assertThat(agent.events(raw.lastSeq() - 3).segments()).as("recent events need no segment").isEmpty();
      assertThat(TranscriptSegmentsTest.everything(agent)).as("the transcript is whole too")
          .extracting(TranscriptEntry::seq).containsExactlyElementsOf(oneTo(agent.snapshot().transcriptSize()));
    }
  }

  @Test
  void forkAndRewindStillWorkWithEventsInSegments() {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = TranscriptSegmentsTest.talk(kit, "evented-rewound", 12, 0);
      await().untilAsserted(() -> assertThat(agent.events(0).segments()).isNotEmpty());

      AgentCheckpoint at2 = TranscriptSegmentsTest.READER.resolve(agent.checkpoint(2), 2);
      AgentWorkflow fork = kit.start("evented-fork", new AgentInput(at2.spec(), at2.tenant(), 0, at2.state()));
      fork.ask(UserMessage.of("and now?"));
      assertThat(everyEvent(fork, 0, 500)).as("the fork's own events").last()
          .extracting(AgentEvent::type).isEqualTo(AgentEvent.Type.TURN_ENDED);

      long before = agent.events(0).lastSeq();
      agent.rewind(2);
      agent.ask(UserMessage.of("after the rewind"));
      List<AgentEvent> after = everyEvent(agent, 0, 500);
      // A rewind takes the entries back and drops the references: the events they held are gone, and
      // the page says where the kept ones start.
      EventPage page = agent.events(0);
      assertThat(after).isNotEmpty();
      assertThat(after.get(0).seq()).isEqualTo(page.oldestSeq());
      assertThat(after).extracting(AgentEvent::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(page.oldestSeq(), page.lastSeq()).boxed().toList());
      assertThat(page.lastSeq()).isGreaterThan(before);
      assertThat(after).anyMatch(e -> e.type() == AgentEvent.Type.REWOUND);
    }
  }
}
