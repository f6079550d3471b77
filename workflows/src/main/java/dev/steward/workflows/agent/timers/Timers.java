package dev.steward.workflows.agent.timers;

import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Waits with a deadline whose timer carries a summary, so the Temporal Web UI says what each timer
 * is for ("approval deadline · approval of http_get c1 · turn 3"). {@code Workflow.await(Duration, ...)} starts
 * an unnamed timer, hence this.
 */
public final class Timers {

  private Timers() {}

  /**
   * Waits until {@code done} is true or {@code timeout} passes.
   *
   * @param summary what the timer is for, shown by the Web UI
   * @return true when {@code done} became true first, false when the timer fired
   */
  public static boolean await(Duration timeout, String summary, BooleanSupplier done) {
    TimerOptions options = TimerOptions.newBuilder().setSummary(summary).build();
    if (!Versions.atLeast(ChangeIds.TIMERS_CANCELLED_WHEN_DONE, 1)) {
      // The commands of SDK 1.38's Workflow.await(Duration, ...): a timer, always, left to fire.
      Promise<Void> timer = Workflow.newTimer(timeout, options);
      Workflow.await(() -> timer.isCompleted() || done.getAsBoolean());
      return !timer.isCompleted();
    }
    if (done.getAsBoolean()) {
      return true;
    }
    AtomicReference<Promise<Void>> timer = new AtomicReference<>();
    CancellationScope scope = Workflow.newCancellationScope(() -> timer.set(Workflow.newTimer(timeout, options)));
    scope.run();
    Workflow.await(() -> timer.get().isCompleted() || done.getAsBoolean());
    boolean met = !timer.get().isCompleted();
    if (met) {
      scope.cancel("the wait is over");
      // The cancelled timer fails with CanceledFailure that nobody reads; saying so keeps the SDK from
      // logging it as an ignored exception when the workflow leaves the cache. No command changes.
      timer.get().exceptionally(cancelled -> null);
    }
    return met;
  }

  /** A duration as people write it: {@code 2h}, {@code 90s}, {@code 1d 2h}. */
  public static String human(Duration d) {
    long s = d.toSeconds();
    if (s == 0) {
      return d.toMillis() + "ms";
    }
    StringBuilder out = new StringBuilder();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i]) {
        out.append(out.length() == 0 ? "" : " ").append(s / sizes[i]).append(units[i]);
        s %= sizes[i];
      }
    }
    return out.toString();
  }
}
