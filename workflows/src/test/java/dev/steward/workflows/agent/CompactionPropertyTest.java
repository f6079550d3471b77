package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.memory.Compaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Over random transcripts, a cut never separates a tool call from its result. */
class CompactionPropertyTest {

  /** A generated transcript: entries, and for each tool result the seq of the call that asked for it. */
  private record Transcript(List<Compaction.Entry> entries, Map<Long, Long> resultToCall) {}

  @RepeatedTest(500)
  void aCutNeverSplitsACallFromItsResult(RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    Transcript t = generate(random);
    long budget = 1 + random.nextInt(2_000);

    long cut = Compaction.cutThrough(t.entries(), budget);

    for (var pair : t.resultToCall().entrySet()) {
      boolean resultFolded = pair.getKey() <= cut;
      boolean callFolded = pair.getValue() <= cut;
      assertThat(resultFolded).as("result %d and call %d on one side of cut %d", pair.getKey(), pair.getValue(), cut)
          .isEqualTo(callFolded);
    }
    if (cut > 0) {
      Compaction.Entry next = t.entries().stream().filter(e -> e.seq() == cut + 1).findFirst().orElseThrow();
      assertThat(next.startsTurn()).as("what stays starts with a person's message").isTrue();
    }
  }

  @RepeatedTest(300)
  void foldsInChunksCoverTheCutInOrderAndStayWithinTheLimitUnlessOneTurnIsLarger(RepetitionInfo info) {
    Random random = new Random(10_000L + info.getCurrentRepetition());
    Transcript t = generate(random);
    long limit = 1 + random.nextInt(1_500);
    long cut = Compaction.cutThrough(t.entries(), 1 + random.nextInt(1_000));

    long through = 0;
    while (through < cut) {
      long from = through;
      List<Compaction.Entry> open = t.entries().stream().filter(e -> e.seq() > from).toList();
      long end = Compaction.chunkEnd(open, cut, limit);
      assertThat(end).as("progress").isGreaterThan(through).isLessThanOrEqualTo(cut);
      List<Compaction.Entry> chunk = open.stream().filter(e -> e.seq() <= end).toList();
      long tokens = chunk.stream().mapToLong(Compaction.Entry::tokens).sum();
      boolean oneTurn = chunk.stream().skip(1).noneMatch(Compaction.Entry::startsTurn);
      assertThat(tokens <= limit || oneTurn).as("chunk %d-%d of %d tokens, limit %d", from + 1, end, tokens, limit).isTrue();
      for (var pair : t.resultToCall().entrySet()) {
        assertThat(pair.getKey() <= end).as("result and call on one side of %d", end).isEqualTo(pair.getValue() <= end);
      }
      through = end;
    }
  }

  private static Transcript generate(Random random) {
    List<Compaction.Entry> entries = new ArrayList<>();
    Map<Long, Long> resultToCall = new HashMap<>();
    int turns = 1 + random.nextInt(30);
    for (int turn = 0; turn < turns; turn++) {
      entries.add(new Compaction.Entry(entries.size() + 1, true, random.nextInt(300)));
      int steps = random.nextInt(4);
      for (int step = 0; step < steps; step++) {
        long call = entries.size() + 1;
        entries.add(new Compaction.Entry(call, false, random.nextInt(100)));
        int results = 1 + random.nextInt(3);
        for (int r = 0; r < results; r++) {
          long result = entries.size() + 1;
          entries.add(new Compaction.Entry(result, false, random.nextInt(500)));
          resultToCall.put(result, call);
        }
      }
      if (random.nextBoolean()) {
        entries.add(new Compaction.Entry(entries.size() + 1, false, random.nextInt(200)));
      }
    }
    return new Transcript(entries, resultToCall);
  }
}
