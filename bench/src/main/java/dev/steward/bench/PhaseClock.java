package dev.steward.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * When a worker's tasks arrive and are answered, while one call at a time is timed: the call cut
 * into its phases (e.g. a first reply: client → first workflow task → its answer → the activity →
 * ... → the client). Off but for the call {@link #record} times.
 */
final class PhaseClock implements ClientInterceptor {

  /** What the worker's stubs saw. */
  enum Mark { TASK_POLLED, TASK_ANSWERED, ACTIVITY_POLLED, ACTIVITY_ANSWERED }

  record Event(Mark mark, long nanos) {}

  private volatile List<Event> events;

  /**
   * Runs {@code call} with the clock on; returns the gaps (ms) between its start, {@code expected}
   * marks in order and its end, or null when the marks seen do not contain them in that order.
   */
  double[] record(List<Mark> expected, Runnable call) {
    List<Event> seen = new ArrayList<>();
    events = seen;
    long start = System.nanoTime();
    try {
      call.run();
    } finally {
      events = null;
    }
    long end = System.nanoTime();
    List<Long> at = new ArrayList<>(List.of(start));
    synchronized (seen) {
      int next = 0;
      for (Event e : seen) {
        if (next < expected.size() && e.mark() == expected.get(next)) {
          at.add(e.nanos());
          next++;
        }
      }
      if (next < expected.size()) {
        return null;
      }
    }
    at.add(end);
    double[] gaps = new double[at.size() - 1];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = (at.get(i + 1) - at.get(i)) / 1e6;
    }
    return gaps;
  }

  private void mark(Mark mark) {
    List<Event> to = events;
    if (to != null) {
      synchronized (to) {
        to.add(new Event(mark, System.nanoTime()));
      }
    }
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onMessage(A message) {
            // A query comes as a workflow task too; it is not a step of the turn.
            if (message instanceof PollWorkflowTaskQueueResponse r && !r.getTaskToken().isEmpty() && !r.hasQuery()) {
              mark(Mark.TASK_POLLED);
            } else if (message instanceof PollActivityTaskQueueResponse r && !r.getTaskToken().isEmpty()) {
              mark(Mark.ACTIVITY_POLLED);
            }
            super.onMessage(message);
          }
        }, headers);
      }

      @Override
      public void sendMessage(Q message) {
        if (message instanceof RespondWorkflowTaskCompletedRequest) {
          mark(Mark.TASK_ANSWERED);
        } else if (message instanceof RespondActivityTaskCompletedRequest) {
          mark(Mark.ACTIVITY_ANSWERED);
        }
        super.sendMessage(message);
      }
    };
  }
}
