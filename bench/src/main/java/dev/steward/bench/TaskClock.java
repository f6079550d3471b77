package dev.steward.bench;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Splits a worker's task time in two: from the moment a poll brings a task back to the moment the
 * worker sends its answer (the worker's own time: workflow code, activity code, data conversion),
 * and the answer's round trip (the server's time). Keyed by workflow or activity type, so one
 * worker client serving both sides of the bench keeps them apart; a run's first workflow task (the
 * worker builds the workflow in it) is counted apart from its later ones. It also tells a
 * {@link PhaseClock} when each task came and was answered.
 */
final class TaskClock implements ClientInterceptor {

  private record Taken(String kind, long at) {}

  private final Map<ByteString, Taken> taken = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> workerNanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> answerNanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> tasks = new ConcurrentHashMap<>();
  private final PhaseClock phases;

  TaskClock(PhaseClock phases) {
    this.phases = phases;
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      private String kind;
      private long sent;

      @Override
      public void start(Listener<A> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onMessage(A message) {
            long now = System.nanoTime();
            if (message instanceof PollWorkflowTaskQueueResponse r && !r.getTaskToken().isEmpty()) {
              String first = r.getPreviousStartedEventId() == 0 ? " (first)" : "";
              taken.put(r.getTaskToken(), new Taken("workflow task " + r.getWorkflowType().getName() + first, now));
              // A query comes as a workflow task too; it is not a step of a turn.
              if (!r.hasQuery()) {
                phases.mark(PhaseClock.Mark.TASK_POLLED);
              }
            } else if (message instanceof PollActivityTaskQueueResponse r && !r.getTaskToken().isEmpty()) {
              taken.put(r.getTaskToken(), new Taken("activity " + r.getActivityType().getName(), now));
              phases.mark(PhaseClock.Mark.ACTIVITY_POLLED);
            }
            super.onMessage(message);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            if (kind != null) {
              add(answerNanos, kind, System.nanoTime() - sent);
            }
            super.onClose(status, trailers);
          }
        }, headers);
      }

      @Override
      public void sendMessage(Q message) {
        ByteString token = null;
        if (message instanceof RespondWorkflowTaskCompletedRequest r) {
          token = r.getTaskToken();
          phases.mark(PhaseClock.Mark.TASK_ANSWERED);
        } else if (message instanceof RespondActivityTaskCompletedRequest r) {
          token = r.getTaskToken();
          phases.mark(PhaseClock.Mark.ACTIVITY_ANSWERED);
        }
        Taken t = token == null ? null : taken.remove(token);
        if (t != null) {
          sent = System.nanoTime();
          kind = t.kind();
          add(workerNanos, kind, sent - t.at());
          add(tasks, kind, 1);
        }
        super.sendMessage(message);
      }
    };
  }

  private static void add(Map<String, LongAdder> to, String kind, long value) {
    to.computeIfAbsent(kind, k -> new LongAdder()).add(value);
  }

  /** Per task kind: tasks, mean worker ms, mean answer round trip ms. */
  Map<String, double[]> snapshot() {
    Map<String, double[]> out = new TreeMap<>();
    tasks.forEach((kind, n) -> {
      double count = n.sum();
      out.put(kind, new double[] {count, workerNanos.get(kind).sum() / count / 1e6,
          answerNanos.getOrDefault(kind, new LongAdder()).sum() / count / 1e6});
    });
    return out;
  }

  void reset() {
    workerNanos.clear();
    answerNanos.clear();
    tasks.clear();
  }
}
