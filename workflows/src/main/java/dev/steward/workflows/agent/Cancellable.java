package dev.steward.workflows.agent;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Work a tool waits for but may give up on (a tool activity, a sub-agent): it runs in its own cancellation scope. */
final class Cancellable {

  private Cancellable() {}

  /**
   * Starts {@code work} and waits until it completes, {@code stop} turns true or {@code deadlineMillis}
   * passes (0: no deadline; else a timer the Web UI names {@code deadlineSummary}); what has not
   * completed by then is cancelled with the reason {@code why} gives. Returns the work's promise,
   * completed or not.
   */
  static <T> Promise<T> await(Supplier<Promise<T>> work, long deadlineMillis, String deadlineSummary,
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

  /** What is left before {@code deadlineMillis}, never negative. */
  static Duration left(long deadlineMillis) {
    return Duration.ofMillis(Math.max(0, deadlineMillis - Workflow.currentTimeMillis()));
  }
}
