package dev.steward.client;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs blocking Temporal client calls on the caller's thread under one gRPC deadline, so that a call
 * the SDK would retry without bound (an update no worker takes) ends when the caller's time does.
 * Every gRPC call made on the thread inside it inherits the deadline, as do calls the SDK starts
 * from there to run on (its update poll); the SDK's retryer stops there too.
 */
final class CallDeadline {

  /** Cancels expired contexts; one daemon thread for the whole process, idle between deadlines. */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private CallDeadline() {}

  /**
   * Calls {@code request} with every gRPC call it makes on this thread bounded by {@code budget};
   * a call still running then fails with DEADLINE_EXCEEDED (the SDK's
   * {@code WorkflowUpdateTimeoutOrCancelledException} for an update).
   */
  static <T> T within(Duration budget, Callable<T> request) throws Exception {
    Context.CancellableContext context = Context.current()
        .withDeadlineAfter(Math.max(1, budget.toNanos()), TimeUnit.NANOSECONDS, TIMER);
    try {
      // Not cancelled on return: an update the server answered as accepted only comes back as a
      // handle whose poll for the outcome the SDK has already started, under this deadline.
      return context.call(request);
    } catch (Exception e) {
      // Nothing left running: the pending timer goes at once instead of at the deadline.
      context.cancel(null);
      throw e;
    }
  }

  /**
   * True when {@code e} is how a call run {@link #within} ends at its deadline: the SDK's update
   * timeout, or a gRPC call ended with DEADLINE_EXCEEDED.
   */
  static boolean ranOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowUpdateTimeoutOrCancelledException
          || t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return true;
      }
    }
    return false;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "steward-call-deadline");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
