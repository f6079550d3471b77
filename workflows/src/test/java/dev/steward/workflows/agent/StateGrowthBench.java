package dev.steward.workflows.agent;

import dev.steward.workflows.schedule.ScheduleWakeWorkflowImpl;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.MemorySpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInit;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The figures for docs/BENCHMARKS.md ("Agent state over an agent's life"): run by
 * bench/state-growth.sh, not in CI. At turn 10 and at the last turn it prints what continue-as-new
 * would carry (the serialized input) and the heap the cached agent's own objects hold.
 */
@EnabledIfSystemProperty(named = "steward.bench", matches = "true")
class StateGrowthBench {

  private static final String FILLER = "lorem ipsum dolor sit amet ".repeat(8);

  /** The agent workflow, remembering its latest instance so the bench can weigh it. */
  public static class Weighed extends AgentWorkflowImpl {
    static volatile Weighed latest;

    @WorkflowInit
    public Weighed(AgentInput input) {
      super(input);
      latest = this;
    }
  }

  /** How many of the last turns are each weighed, to find the largest state over a few cycles of segment writes. */
  private static final int CYCLE_TURNS = 50;

  @Test
  void stateAndHeapAtTurnTenAndLater() throws Exception {
    int turns = Integer.getInteger("steward.bench.turns", 5_000);
    long contextTokens = Long.getLong("steward.bench.contextTokens", 2_000);
    int segmentEntries = Integer.getInteger("steward.bench.segmentEntries", 50);
    AgentSpec base = AgentTestKit.spec();
    AgentSpec spec = new AgentSpec(base.name(), base.instructions(), base.model(), List.of(), Limits.DEFAULTS,
        ApprovalPolicy.NONE, InboxPolicy.QUEUE, List.of(), new MemorySpec(List.of(), contextTokens, null, null, segmentEntries));
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "context_tokens %d, segment_entries %d, messages and replies of about 220 characters%n%n"
            + "| turn | runs | entries | held | segments | continue-as-new input | of which: held entries | events | message ids | segment refs | agent heap | whole transcript (carried before segments) |%n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|%n",
        contextTokens, segmentEntries));
    long[] first = null;
    long[] last = null;
    // Over the last turns (a few cycles of segment writes) the smallest and largest state, since the held
    // events now grow between writes: {events held, their bytes, continue-as-new input, heap}, each on its own.
    long[] largest = new long[4];
    long[] smallest = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    int cycleFrom = Math.max(11, turns - CYCLE_TURNS + 1);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // All five, as Steward registers them: a new agent's first usage publish adds cost and tokens.
      SearchAttributeNames.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
      Worker worker = env.newWorker(AgentTestKit.QUEUE);
      worker.registerWorkflowImplementationTypes(AgentWorkflowOptions.IMPLEMENTATION, Weighed.class);
      worker.registerWorkflowImplementationTypes(ScheduleWakeWorkflowImpl.class);
      worker.registerActivitiesImplementations(new FakeModel(r -> FakeModel.reply("reply " + r.turn() + " " + FILLER)),
          FakeTools.named(), new FakeSummarizer(), new FakeSegments(), new FakeDirectory(),
          FakeSchedules.withoutServerSchedules());
      env.start();
      AgentWorkflow agent = env.getWorkflowClient().newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("state-growth").setTaskQueue(AgentTestKit.QUEUE)
              .setTypedSearchAttributes(SearchAttributes.newBuilder().set(SearchAttributeNames.STATUS, "IDLE").build())
              .build());
      WorkflowClient.start(agent::run, AgentInput.of(spec));
      for (int t = 1; t <= turns; t++) {
        agent.ask(UserMessage.of("message " + t + " " + FILLER));
        if (t >= cycleFrom && turns >= 2 * CYCLE_TURNS) {
          Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> pendingActivities(env) == 0);
          AgentState state = agent.checkpoint(0).state();
          long[] now = {state.events().size(), json(state.events()),
              DefaultDataConverter.STANDARD_INSTANCE.toPayload(new AgentInput(spec, "acme", 0, state))
                  .orElseThrow().getSerializedSize(), deepSize(Weighed.latest)};
          for (int i = 0; i < now.length; i++) {
            largest[i] = Math.max(largest[i], now[i]);
            smallest[i] = Math.min(smallest[i], now[i]);
          }
        }
        if (t == 10 || t == 1_000 || t == turns) {
          // The turn's segment writes were scheduled with its reply: weigh the agent once they are done.
          Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> pendingActivities(env) == 0);
          AgentState state = agent.checkpoint(0).state();
          long input = DefaultDataConverter.STANDARD_INSTANCE.toPayload(new AgentInput(spec, "acme", 0, state))
              .orElseThrow().getSerializedSize();
          long heap = deepSize(Weighed.latest);
          long[] row = {t, agent.snapshot().runs(), agent.snapshot().transcriptSize(), state.transcript().size(),
              state.segments() == null ? 0 : state.segments().size(), input, heap};
          table.append(String.format(Locale.ROOT, "| %,d | %d | %,d | %,d | %d | %,d B | %,d B | %,d B | %,d B | %,d B | %,d B | %,d B |%n",
              row[0], row[1], row[2], row[3], row[4], row[5], json(state.transcript()), json(state.events()),
              json(state.seenMessageIds()), json(state.segments()), row[6],
              json(new dev.steward.workflows.memory.TranscriptReader(FakeSegments.STORE)
                  .resolve(agent.checkpoint(0), 0).state().transcript())));
          if (t == 10) {
            first = row;
          }
          last = row;
        }
      }
      // The run before the last is a whole one, from its start to its continue-as-new.
      String lastRun = env.getWorkflowClient().fetchHistory("state-growth").getHistory().getEvents(0)
          .getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      table.append(segmentWrites(env.getWorkflowClient().fetchHistory("state-growth", lastRun)));
    }
    table.append(String.format(Locale.ROOT, "%nratio turn %d / turn 10: continue-as-new input %.2f, agent heap %.2f%n",
        last[0], (double) last[5] / first[5], (double) last[6] / first[6]));
    if (turns >= 2 * CYCLE_TURNS) {
      table.append(String.format(Locale.ROOT, "%nover turns %,d–%,d, each weighed after its segment writes: events held"
              + " %d–%d (%,d–%,d B), continue-as-new input %,d–%,d B, agent heap %,d–%,d B; largest / turn 10:"
              + " input %.2f, heap %.2f%n",
          turns - CYCLE_TURNS + 1, turns, smallest[0], largest[0], smallest[1], largest[1], smallest[2], largest[2],
          smallest[3], largest[3], (double) largest[2] / first[5], (double) largest[3] / first[6]));
    }
    System.out.println(table);
    Files.writeString(Path.of("target", "state-growth.md"), table.toString());
  }

  private static int pendingActivities(TestWorkflowEnvironment env) {
    return env.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest
            .newBuilder().setNamespace(env.getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId("state-growth")).build())
        .getPendingActivitiesCount();
  }

  /**
   * What the segment activities add to one run's history: their scheduled, started and completed
   * events, per turn of the run (one accepted update per turn).
   */
  static String segmentWrites(WorkflowExecutionHistory history) {
    Map<Long, String> segmentActivities = new HashMap<>();
    long turns = 0;
    long total = 0;
    long segmentBytes = 0;
    for (HistoryEvent e : history.getEvents()) {
      total += e.getSerializedSize();
      long scheduledId = -1;
      if (e.hasActivityTaskScheduledEventAttributes()) {
        String type = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        if (type.equals("WriteTranscriptSegment") || type.equals("WriteSegmentIndex")) {
          segmentActivities.put(e.getEventId(), type);
        }
        scheduledId = e.getEventId();
      } else if (e.hasActivityTaskStartedEventAttributes()) {
        scheduledId = e.getActivityTaskStartedEventAttributes().getScheduledEventId();
      } else if (e.hasActivityTaskCompletedEventAttributes()) {
        scheduledId = e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
      } else if (e.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
        turns++;
      }
      if (segmentActivities.containsKey(scheduledId)) {
        segmentBytes += e.getSerializedSize();
      }
    }
    long writes = segmentActivities.values().stream().filter(t -> t.equals("WriteTranscriptSegment")).count();
    long indexes = segmentActivities.size() - writes;
    return String.format(Locale.ROOT, "%na whole run: %d turns, %,d history bytes (%,d B a turn); segment writes %d and "
        + "index writes %d: %,d B (%,d B a turn, %.1f%%)%n", turns, total, turns == 0 ? 0 : total / turns, writes, indexes,
        segmentBytes, turns == 0 ? 0 : segmentBytes / turns, total == 0 ? 0 : 100.0 * segmentBytes / total);
  }

  /**
   * Bytes held by the agent's own objects, estimated by walking them (HotSpot, 64-bit, compressed
   * pointers: 12-byte headers, 4-byte references, 8-byte alignment). Temporal's objects (promises,
   * scopes, the workflow thread) are counted as one small object each: they do not grow with age.
   */
  static long deepSize(Object root) {
    Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> todo = new ArrayDeque<>();
    todo.push(root);
    long total = 0;
    while (!todo.isEmpty()) {
      Object o = todo.pop();
      if (o == null || o instanceof Enum<?> || o instanceof Class<?> || !seen.add(o)) {
        continue;
      }
      if (o instanceof String s) {
        total += 24 + align(16 + s.length());
      } else if (o instanceof Number || o instanceof Boolean || o instanceof Character) {
        total += 16;
      } else if (o instanceof Map<?, ?> m) {
        total += 48 + align(16 + 4L * m.size()) + 32L * m.size();
        m.forEach((k, v) -> { todo.push(k); todo.push(v); });
      } else if (o instanceof Collection<?> c) {
        total += 24 + align(16 + 4L * c.size());
        c.forEach(todo::push);
      } else if (o.getClass().isArray()) {
        int n = Array.getLength(o);
        boolean refs = !o.getClass().getComponentType().isPrimitive();
        total += align(16 + (long) n * (refs ? 4 : 8));
        if (refs) {
          for (int i = 0; i < n; i++) {
            todo.push(Array.get(o, i));
          }
        }
      } else if (o.getClass().getName().startsWith("dev.steward.")) {
        long size = 12;
        for (Class<?> k = o.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
          for (Field f : k.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
              continue;
            }
            size += f.getType().isPrimitive() ? (f.getType() == long.class || f.getType() == double.class ? 8 : 4) : 4;
            if (!f.getType().isPrimitive()) {
              try {
                f.setAccessible(true);
                todo.push(f.get(o));
              } catch (ReflectiveOperationException | RuntimeException e) {
                // Not readable: counted as a reference only.
              }
            }
          }
        }
        total += align(size);
      } else {
        total += 16;
      }
    }
    return total;
  }

  private static long json(Object value) {
    return value == null ? 0 : DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow().getData().size();
  }

  private static long align(long bytes) {
    return (bytes + 7) / 8 * 8;
  }
}
