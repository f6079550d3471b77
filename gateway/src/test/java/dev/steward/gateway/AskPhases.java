package dev.steward.gateway;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time of an Ask goes, read from the agents' histories after a load: each Ask's window of
 * events (from the workflow task that took its update to the update's completion) is cut into gaps
 * between consecutive events, named by their event types, plus the two gaps only the caller sees
 * (sent → first event, last event → answer received). Reports the distribution of each gap and the
 * slowest Asks event by event. Diagnosis for docs/BENCHMARKS.md; asserts nothing.
 */
final class AskPhases {

  private AskPhases() {}

  /** One gap of one Ask: its name ("A → B") and length in milliseconds. */
  record Gap(String name, long millis) {}

  /** One Ask's gaps, in order, and its latency as the caller measured it. */
  record Timeline(String agentId, int index, long totalMillis, List<Gap> gaps) {}

  static String report(String temporalAddress, List<AskLoad.Sample> samples) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress).build());
    try {
      Map<String, List<AskLoad.Sample>> byAgent = new TreeMap<>();
      samples.stream().filter(AskLoad.Sample::ok)
          .forEach(s -> byAgent.computeIfAbsent(s.agentId(), k -> new ArrayList<>()).add(s));
      List<Timeline> timelines = new ArrayList<>();
      long firstSent = samples.stream().mapToLong(AskLoad.Sample::sentMillis).min().orElse(0);
      Map<Long, int[]> buckets = new TreeMap<>();
      byAgent.forEach((agentId, asks) -> {
        List<HistoryEvent> events = history(stubs, agentId);
        timelines.addAll(timelines(agentId, events, asks));
        for (HistoryEvent e : events) {
          int kind = e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED ? 0
              : e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED ? 1
              : e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED ? 2 : -1;
          long at = millis(e) - firstSent;
          if (kind >= 0 && at >= 0 && at < 10_000) {
            buckets.computeIfAbsent(at / 250 * 250, k -> new int[3])[kind]++;
          }
        }
      });
      StringBuilder progress = new StringBuilder("progress per 250 ms after the first Ask (workflow tasks scheduled, started; activities completed):\n");
      buckets.forEach((at, n) -> progress.append(String.format("  %5d  %4d %4d %4d%n", at, n[0], n[1], n[2])));
      String slowest = timelines.stream().max(Comparator.comparingLong(Timeline::totalMillis)).map(Timeline::agentId).orElse(null);
      return render(timelines) + progress + (slowest == null ? "" : beginning(slowest, history(stubs, slowest),
          byAgent.get(slowest).get(0).sentMillis()));
    } finally {
      stubs.shutdownNow();
    }
  }

  private static List<HistoryEvent> history(WorkflowServiceStubs stubs, String agentId) {
    List<HistoryEvent> events = new ArrayList<>();
    com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse page = stubs.blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(agentId)).setNextPageToken(token).build());
      events.addAll(page.getHistory().getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return events;
  }

  /** Matches the k-th accepted update of the history with the agent's k-th Ask (they are sent in turn). */
  private static List<Timeline> timelines(String agentId, List<HistoryEvent> events, List<AskLoad.Sample> asks) {
    List<Timeline> out = new ArrayList<>();
    int k = 0;
    int windowStart = -1;
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
        windowStart = i;
      }
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
        String updateId = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getMeta().getUpdateId();
        int end = completion(events, i, updateId);
        if (end < 0 || k >= asks.size() || windowStart < 0) {
          continue;
        }
        AskLoad.Sample ask = asks.get(k++);
        List<Gap> gaps = new ArrayList<>();
        gaps.add(new Gap("sent → " + name(events.get(windowStart)), millis(events.get(windowStart)) - ask.sentMillis()));
        for (int j = windowStart + 1; j <= end; j++) {
          gaps.add(new Gap(name(events.get(j - 1)) + " → " + name(events.get(j)), millis(events.get(j)) - millis(events.get(j - 1))));
        }
        gaps.add(new Gap(name(events.get(end)) + " → answered", ask.answeredMillis() - millis(events.get(end))));
        out.add(new Timeline(agentId, ask.index(), ask.answeredMillis() - ask.sentMillis(), gaps));
      }
    }
    return out;
  }

  private static int completion(List<HistoryEvent> events, int from, String updateId) {
    for (int j = from + 1; j < events.size(); j++) {
      HistoryEvent e = events.get(j);
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED
          && e.getWorkflowExecutionUpdateCompletedEventAttributes().getMeta().getUpdateId().equals(updateId)) {
        return j;
      }
    }
    return -1;
  }

  private static String name(HistoryEvent e) {
    if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
      // Sticky or normal: the two queues are polled differently (see docs/BENCHMARKS.md).
      return "WORKFLOW_TASK_SCHEDULED(" + e.getWorkflowTaskScheduledEventAttributes().getTaskQueue().getKind().name()
          .replace("TASK_QUEUE_KIND_", "").toLowerCase() + ")";
    }
    return e.getEventType().name().replace("EVENT_TYPE_", "");
  }

  private static long millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
  }

  private static String render(List<Timeline> timelines) {
    Map<String, List<Long>> byGap = new TreeMap<>();
    timelines.forEach(t -> t.gaps().forEach(g -> byGap.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(g.millis())));
    StringBuilder out = new StringBuilder("gap (ms): count, p50, p99, max, sum\n");
    byGap.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, List<Long>> e) -> -e.getValue().stream().mapToLong(Long::longValue).sum()))
        .forEach(e -> {
          List<Long> v = new ArrayList<>(e.getValue());
          v.sort(null);
          out.append(String.format("  %-80s %5d %6d %6d %6d %8d%n", e.getKey(), v.size(), pick(v, 50), pick(v, 99),
              v.get(v.size() - 1), v.stream().mapToLong(Long::longValue).sum()));
        });
    out.append("slowest asks:\n");
    timelines.stream().sorted(Comparator.comparingLong(t -> -t.totalMillis())).limit(8).forEach(t -> {
      out.append(String.format("  %s #%d: %d ms%n", t.agentId(), t.index(), t.totalMillis()));
      t.gaps().stream().filter(g -> g.millis() >= 20)
          .forEach(g -> out.append(String.format("      %6d  %s%n", g.millis(), g.name())));
    });
    return out.toString();
  }

  /** The slowest Ask's agent from its start: what happened before and during its first Ask. */
  private static String beginning(String agentId, List<HistoryEvent> events, long firstSent) {
    StringBuilder out = new StringBuilder("history of " + agentId + " (ms after its first Ask was sent):\n");
    for (HistoryEvent e : events.subList(0, Math.min(events.size(), 30))) {
      out.append(String.format("  %6d  %s%n", millis(e) - firstSent, name(e)));
    }
    return out.toString();
  }

  private static long pick(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
