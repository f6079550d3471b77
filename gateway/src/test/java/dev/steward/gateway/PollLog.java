package dev.steward.gateway;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records the worker's workflow-task polls: which queue each polled (the agent's sticky queue on
 * this worker, or the shared normal one) and how long the task it got had waited since it was
 * scheduled. Diagnosis for docs/BENCHMARKS.md (enabled by {@code -Dbench.pollLog}).
 */
final class PollLog implements ClientInterceptor {

  private record Poll(String kind, long waitedMillis, boolean gotTask) {}

  private final ConcurrentLinkedQueue<Poll> polls = new ConcurrentLinkedQueue<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    if (!method.getBareMethodName().equals("PollWorkflowTaskQueue")) {
      return next.newCall(method, options);
    }
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      private String kind = "unspecified";

      @Override
      public void sendMessage(Q message) {
        kind = ((PollWorkflowTaskQueueRequest) message).getTaskQueue().getKind().name()
            .replace("TASK_QUEUE_KIND_", "").toLowerCase();
        super.sendMessage(message);
      }

      @Override
      public void start(Listener<R> listener, io.grpc.Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onMessage(R message) {
            PollWorkflowTaskQueueResponse r = (PollWorkflowTaskQueueResponse) message;
            boolean got = !r.getTaskToken().isEmpty();
            // A query delivered as a workflow task has no scheduled time: count it apart.
            boolean query = r.hasQuery() || !r.getQueriesMap().isEmpty();
            long waited = got && !query ? System.currentTimeMillis()
                - (r.getScheduledTime().getSeconds() * 1000 + r.getScheduledTime().getNanos() / 1_000_000) : 0;
            polls.add(new Poll(query ? kind + " (query)" : kind, waited, got));
            super.onMessage(message);
          }
        }, headers);
      }
    };
  }

  /** Per queue kind: polls, polls that brought a task, and the tasks' waits since scheduled (p50, p99, max). */
  String report() {
    Map<String, List<Long>> waits = new TreeMap<>();
    Map<String, int[]> counts = new TreeMap<>();
    for (Poll p : polls) {
      counts.computeIfAbsent(p.kind(), k -> new int[2])[0]++;
      if (p.gotTask()) {
        counts.get(p.kind())[1]++;
        waits.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p.waitedMillis());
      }
    }
    StringBuilder out = new StringBuilder("workflow-task polls by queue: polls, tasks, task wait p50 / p99 / max ms\n");
    counts.forEach((kind, n) -> {
      List<Long> w = waits.getOrDefault(kind, List.of(0L));
      w.sort(null);
      out.append(String.format("  %-24s %6d %6d %6d %6d %6d%n", kind, n[0], n[1],
          w.get(w.size() / 2), w.get(Math.max(0, (int) Math.ceil(w.size() * 0.99) - 1)), w.get(w.size() - 1)));
    });
    return out.toString();
  }
}
