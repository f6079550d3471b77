package dev.steward.workflows.agent.timers;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Work a tool waits for but may give up on (a tool activity, a sub-agent): it runs in its own cancellation scope. */
public final class Cancellable {

  private Cancellable() {}

  /**
   * Starts {@code work} and waits until it completes, {@code stop} turns true or {@code deadlineMillis}
   * passes (0: no deadline; else a timer the Web UI names {@code deadlineSummary}); what has not
   * completed by then is cancelled with the reason {@code why} gives. Returns the work's promise,
   * completed or not.
   */
  public static <T> Promise<T> await(Supplier<Promise<T>> work, long deadlineMillis, String deadlineSummary,
      BooleanSupplier stop, Supplier<String> why) {
    AtomicReference<Promise<T>> result = new AtomicReference<>();
    CancellationScope scope = Workflow.newCancellationScope(() -> result.set(work.get()));
    scope.run();
    if (deadlineMillis > 0) {
      Timers.await(left(deadlineMillis), deadlineSummary, () -> result.get().isCompleted() || stop.getAsBoolean());
    } else {
      Workflow.await(() -> result.get().isCompleted() || stop.getAsBoolean());
    }
    if (!result.get().isCompleted()) {
      scope.cancel(why.get());
    }
    return result.get();
  }

  /** {@code wanted}, cut to what is left before {@code deadlineMillis} (0: no deadline). */
  public static Duration within(long deadlineMillis, Duration wanted) {
    if (deadlineMillis <= 0) {
      return wanted;
    }
    Duration left = left(deadlineMillis);
    return left.compareTo(wanted) < 0 ? left : wanted;
  }

  /** What is left before {@code deadlineMillis}, never negative. */
  public static Duration left(long deadlineMillis) {
    return Duration.ofMillis(Math.max(0, deadlineMillis - Workflow.currentTimeMillis()));
  }
}
