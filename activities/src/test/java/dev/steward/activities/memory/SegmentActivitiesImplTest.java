package dev.steward.activities.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.memory.SegmentStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segments the activity stores, read back the way every reader does: entries alone stay the
 * bytes they always were; entries with events name the events they hold, and an index carries them.
 */
class SegmentActivitiesImplTest {

  @TempDir Path dir;

  /** A store over a directory, one file per key. */
  private SegmentStore store() {
    return new SegmentStore() {
      @Override public void put(String key, byte[] bytes) throws IOException { Files.write(dir.resolve(key), bytes); }

      @Override
      public byte[] get(String key) throws IOException {
        try {
          return Files.readAllBytes(dir.resolve(key));
        } catch (NoSuchFileException e) {
          throw new FileNotFoundException(key);
        }
      }

      @Override public String describe() { return "directory " + dir; }
    };
  }

  private static List<TranscriptEntry> entries(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(seq -> new TranscriptEntry(seq, (int) seq,
        TranscriptEntry.Kind.USER, "user", "entry " + seq, List.of(), null, false, 1_000L * seq, false)).toList();
  }

  private static List<AgentEvent> events(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(seq -> new AgentEvent(seq, 1_000L * seq,
        AgentEvent.Type.REPLY, (int) seq, "event " + seq, null, null)).toList();
  }

  @Test
  void entriesAloneKeepTheirOldFormAndHoldNoEvents() {
    SegmentStore store = store();
    SegmentActivitiesImpl activities = new SegmentActivitiesImpl(store);
    TranscriptSegment plain = activities.write(entries(1, 3));
    TranscriptSegment same = activities.write(entries(1, 3), List.of());
    assertThat(same).isEqualTo(plain);
    assertThat(plain.holdsEvents()).isFalse();
    assertThat(store.read(plain)).isEqualTo(entries(1, 3));
    assertThat(store.readEvents(List.of(plain), 0, 100)).isEmpty();
  }

  @Test
  void entriesWithEventsAreReadBackBothWaysAndAnIndexCarriesTheirRange() {
    SegmentStore store = store();
    SegmentActivitiesImpl activities = new SegmentActivitiesImpl(store);
    TranscriptSegment first = activities.write(entries(1, 3), events(1, 10));
    TranscriptSegment second = activities.write(entries(4, 5), List.of());
    TranscriptSegment third = activities.write(entries(6, 8), events(11, 15));
    assertThat(first.eventsFrom()).isEqualTo(1);
    assertThat(first.eventsTo()).isEqualTo(10);
    assertThat(store.read(first)).isEqualTo(entries(1, 3));

    TranscriptSegment index = activities.index(List.of(first, second, third));
    assertThat(index.eventsFrom()).isEqualTo(1);
    assertThat(index.eventsTo()).isEqualTo(15);
    assertThat(store.read(index)).isEqualTo(entries(1, 8));
    assertThat(store.readEvents(List.of(index), 0, 100)).isEqualTo(events(1, 15));
    assertThat(store.readEvents(List.of(index), 12, 100)).isEqualTo(events(13, 15));
    assertThat(store.readEvents(List.of(index), 4, 3)).isEqualTo(events(5, 7));
  }
}
