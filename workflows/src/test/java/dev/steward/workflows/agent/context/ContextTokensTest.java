package dev.steward.workflows.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.memory.Memory;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.memory.SummaryActivities;
import dev.steward.workflows.memory.SummaryRequest;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.CountedMessages;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compactor's token estimate and views, kept up to date as the journal grows, are exactly what
 * making the view from scratch gives, over random runs of writes, rewinds, folds (some failing),
 * memory edits, instruction changes, segments taken out and back. Runs inside a workflow, because
 * the journal stamps entries with workflow time and a fold calls the summariser activity.
 */
class ContextTokensTest {

  private static final String QUEUE = "context-tokens";
  private static TestWorkflowEnvironment env;

  @WorkflowInterface
  public interface Check {
    /** Random operations from {@code seed}; returns every difference found (none expected). */
    @WorkflowMethod
    List<String> run(long seed, int operations);
  }

  @BeforeAll
  static void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(CheckImpl.class);
    worker.registerActivitiesImplementations(new Summaries());
    env.start();
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @Test
  void theIncrementalEstimateAndViewsEqualThoseMadeFromScratch() {
    for (long seed = 1; seed <= 10; seed++) {
      Check check = env.getWorkflowClient().newWorkflowStub(Check.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("check-" + seed).build());
      assertThat(check.run(seed, 400)).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void countedMessagesCountLikeAnyListAndReadLikeOne() {
    List<ChatMessage> plain = List.of(ChatMessage.user("hello"),
        ChatMessage.assistant("", List.of(new ToolCall("c1", "current_time", "{}"), new ToolCall("c2", null, null))),
        ChatMessage.toolResult(new ToolCall("c1", "current_time", ""), "noon"));
    CountedMessages counted = CountedMessages.of(plain);
    assertThat(counted).isEqualTo(plain);
    assertThat(counted.chars()).isEqualTo(5 + 12 + 2 + 4);

    assertThat(CountedMessages.of(counted)).isSameAs(counted);
    assertThat(CountedMessages.charsOf(new ArrayList<>(plain))).isEqualTo(counted.chars());
  }

  @Test
  void aViewInCountedMessagesTravelsAsTheSameJson() {
    List<ChatMessage> plain = List.of(ChatMessage.user("hello"),
        ChatMessage.assistant("", List.of(new ToolCall("c1", "current_time", "{}"))),
        ChatMessage.toolResult(new ToolCall("c1", "current_time", ""), "noon", true));
    DataConverter json = DefaultDataConverter.STANDARD_INSTANCE;
    Payload counted = json.toPayload(new ModelContextView("system", CountedMessages.of(plain))).orElseThrow();
    Payload listed = json.toPayload(new ModelContextView("system", new ArrayList<>(plain))).orElseThrow();
    assertThat(counted.getData().toStringUtf8()).isEqualTo(listed.getData().toStringUtf8());
    assertThat(json.fromPayload(counted, ModelContextView.class, ModelContextView.class).messages()).isEqualTo(plain);
  }

  /** A summariser whose summaries vary in length, and which sometimes fails for good. */
  public static final class Summaries implements SummaryActivities {
    @Override
    public Summary summarize(SummaryRequest request) {
      if ((request.fromSeq() + request.toSeq()) % 7 == 0) {
        throw ApplicationFailure.newNonRetryableFailure("the summariser is down", "SummaryDown");
      }
      return new Summary("folded " + request.fromSeq() + "-" + request.toSeq() + " ".repeat((int) (request.toSeq() % 40)),
          new TokenUsage(3, 2));
    }
  }

  /** Plays random operations on a real journal, memory and compactor, and compares after many of them. */
  public static final class CheckImpl implements Check, CompactionContext {

    private final Journal journal = Journal.empty();
    private final Memory memory = new Memory(List.of());
    private AgentSpec spec = spec("You test things.");
    private int turn;

    @Override
    public List<String> run(long seed, int operations) {
      Random random = new Random(seed);
      Compactor compactor = new Compactor(this, null, 0);
      memory.adopt(spec.memory());
      List<TranscriptEntry> segmented = new ArrayList<>();
      List<String> differences = new ArrayList<>();
      List<ModelContextView> handedOut = new ArrayList<>();
      List<List<ChatMessage>> asHandedOut = new ArrayList<>();
      for (int i = 0; i < operations; i++) {
        String op = operate(random, compactor, segmented);
        if (random.nextInt(3) > 0) {
          compare(op + " at " + i, compactor, random, differences);
        }
        if (i % 20 == 0) {
          // Let the workflow thread yield now and then: the SDK takes a long stretch for a deadlock.
          Workflow.sleep(Duration.ofMillis(1));
        }
        if (i % 25 == 0) {
          ModelContextView view = compactor.view(journal.transcriptSize());
          handedOut.add(view);
          asHandedOut.add(new ArrayList<>(view.messages()));
        }
      }
      compare("the end", compactor, random, differences);
      long size = journal.transcriptSize();
      String json = DefaultDataConverter.STANDARD_INSTANCE.toPayload(compactor.view(size)).orElseThrow()
          .getData().toStringUtf8();
      String jsonFromScratch = DefaultDataConverter.STANDARD_INSTANCE.toPayload(scratch(compactor, size)).orElseThrow()
          .getData().toStringUtf8();
      if (!json.equals(jsonFromScratch)) {
        differences.add("the view's JSON differs from the one made from scratch");
      }
      for (int i = 0; i < handedOut.size(); i++) {
        // A view already handed to an activity never changes, whatever the agent did since.
        List<ChatMessage> now = handedOut.get(i).messages();
        if (!now.equals(asHandedOut.get(i)) || CountedMessages.charsOf(now) != CountedMessages.charsOf(asHandedOut.get(i))) {
          differences.add("view " + i + " changed after it was handed out");
        }
      }
      return differences;
    }

    private String operate(Random random, Compactor compactor, List<TranscriptEntry> segmented) {
      int pick = random.nextInt(100);
      if (pick < 55) {
        write(random);
        return "write";
      } else if (pick < 62) {
        turn++;
        journal.write(turn, TranscriptEntry.Kind.USER, "person", text(random), List.of(), null, false);
        return "turn";
      } else if (pick < 70) {
        compactor.compactIfNeeded(1 + random.nextInt(3_000));
        return "fold";
      } else if (pick < 74 && turn > 0) {
        // A rewind, as Checkpoints does it: segments back first, then abandon, then forget the summary.
        if (!segmented.isEmpty()) {
          journal.unsegment(new ArrayList<>(segmented));
          segmented.clear();
        }
        journal.abandonAfter(random.nextInt(turn + 1));
        compactor.reset();
        return "rewind";
      } else if (pick < 82) {
        editMemory(random);
        return "memory";
      } else if (pick < 86) {
        spec = spec(random.nextBoolean() ? "You test things." : "Other instructions " + text(random));
        return "spec";
      } else if (pick < 92) {
        long to = Math.min(compactor.compactedThroughSeq(), journal.transcriptSize());
        long from = journal.segmentedThrough() + 1;
        if (to >= from) {
          segmented.addAll(journal.entriesBetween(from - 1, to));
          journal.segmented(new TranscriptSegment("segment-" + from, from, to, 0));
        }
        return "segment";
      } else if (pick < 95 && !segmented.isEmpty()) {
        journal.unsegment(new ArrayList<>(segmented));
        segmented.clear();
        return "unsegment";
      } else {
        compactor.reset();
        return "reset";
      }
    }

    private void write(Random random) {
      int kind = random.nextInt(6);
      switch (kind) {
        case 0 -> journal.write(turn, TranscriptEntry.Kind.USER, "person", text(random), List.of(), null, false);
        case 1 -> {
          List<ToolCall> calls = new ArrayList<>();
          for (int c = random.nextInt(3); c > 0; c--) {
            calls.add(new ToolCall("call-" + journal.transcriptSize() + "-" + c, "tool_" + c,
                random.nextBoolean() ? null : "{\"q\":\"" + text(random) + "\"}"));
          }
          journal.write(turn, TranscriptEntry.Kind.ASSISTANT, "model", random.nextInt(5) == 0 ? null : text(random),
              calls, null, false);
        }
        case 2 -> journal.write(turn, TranscriptEntry.Kind.TOOL_RESULT, "tool_1", text(random), List.of(), "call-x",
            random.nextBoolean());
        case 3 -> journal.note(turn, text(random));
        case 4 -> journal.write(turn, TranscriptEntry.Kind.MEMORY, "model", text(random), List.of(), "notes", false);
        default -> journal.write(turn, TranscriptEntry.Kind.SUMMARY, "model", text(random), List.of(), null, false);
      }
    }

    private void editMemory(Random random) {
      switch (random.nextInt(4)) {
        case 0 -> memory.append("notes", "x".repeat(random.nextInt(20)));
        case 1 -> memory.set("scratch", text(random));
        case 2 -> memory.restore("notes", text(random));
        default -> memory.resetTo(List.of(new MemoryBlock("notes", "what to keep", 5_000, text(random))));
      }
    }

    private void compare(String after, Compactor compactor, Random random, List<String> differences) {
      long size = journal.transcriptSize();
      long expected = ModelContext.estimateTokens(scratch(compactor, size));
      long actual = compactor.estimatedTokens();
      if (actual != expected) {
        differences.add(after + ": estimated " + actual + " tokens, from scratch " + expected);
      }
      long[] positions = {size, size - 1, size - 1 - random.nextInt(10), random.nextInt((int) size + 1),
          compactor.compactedThroughSeq(), 0, Long.MAX_VALUE};
      for (long upTo : positions) {
        ModelContextView view = compactor.view(upTo);
        ModelContextView fromScratch = scratch(compactor, upTo);
        if (!view.equals(fromScratch)) {
          differences.add(after + ": the view through " + upTo + " differs from the one made from scratch");
        }
        long recounted = 0;
        for (ChatMessage m : new ArrayList<>(view.messages())) {
          recounted += CountedMessages.charsOf(m);
        }
        if (CountedMessages.charsOf(view.messages()) != recounted) {
          differences.add(after + ": the view through " + upTo + " miscounts its characters");
        }
      }
    }

    /** The view as the compactor made it before it kept anything between calls. */
    private ModelContextView scratch(Compactor compactor, long upToSeq) {
      return ModelContext.view(spec.instructions() + memory.render(), compactor.summary(),
          journal.entriesBetween(compactor.compactedThroughSeq(), upToSeq), 0, Long.MAX_VALUE);
    }

    private static String text(Random random) {
      return "t".repeat(random.nextInt(400));
    }

    private static AgentSpec spec(String instructions) {
      ModelSpec model = new ModelSpec("fake", "test-1", null, null, null, null, null, Map.of(), List.of());
      MemorySpec memory = new MemorySpec(List.of(new MemorySpec.MemoryBlockSpec("notes", "what to keep", 5_000, "")),
          MemorySpec.DEFAULT_CONTEXT_TOKENS, null, null);
      return new AgentSpec("tester", instructions, model, List.of(), null, null, null, List.of(), memory);
    }

    @Override
    public String agentId() {
      return "tester";
    }

    @Override
    public int turn() {
      return turn;
    }

    @Override
    public AgentSpec spec() {
      return spec;
    }

    @Override
    public Memory memory() {
      return memory;
    }

    @Override
    public Journal journal() {
      return journal;
    }

    @Override
    public void showDetails(String now) {}

    @Override
    public void chargeModelCall(TokenUsage tokens, double cost) {}
  }
}
