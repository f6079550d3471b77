package dev.steward.workflows.agent.steps;

import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.FallbackPolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries one model, one attempt per activity, within the agent's {@link FallbackPolicy}, for a
 * model that has a fallback after it. The workflow does the retrying (rather than Temporal) so it
 * knows exactly what happened and can stop at the budget: a Retry-After longer than what is left is
 * not waited for, the next model answers instead. Workflow code: waits are durable timers.
 */
public final class FallbackRetries {

  /** Backoff between attempts when the provider names no delay, as Temporal's own retries: 1 s, doubling. */
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /**
   * How the model's calls ended: its response, or its last failure and why no more attempts were made.
   *
   * @param why e.g. {@code gave up after 3 attempts in 3 s (fallback_after: 3 attempts or 20 s)}
   */
  public record Outcome(ModelResponse response, ActivityFailure failure, String why) {}

  private FallbackRetries() {}

  /** @param attempt one call of the model, with no retries of its own */
  public static Outcome call(FallbackPolicy policy, Supplier<ModelResponse> attempt) {
    long start = Workflow.currentTimeMillis();
    String budget = "fallback_after: " + policy.attempts() + (policy.attempts() == 1 ? " attempt" : " attempts")
        + " or " + policy.seconds() + " s";
    for (int n = 1; ; n++) {
      try {
        return new Outcome(attempt.get(), null, null);
      } catch (ActivityFailure e) {
        long elapsed = Workflow.currentTimeMillis() - start;
        String tried = (n == 1 ? "1 attempt" : n + " attempts") + (elapsed >= 1000 ? " in " + seconds(elapsed) : "");
        if (!retryable(e)) {
          return new Outcome(null, e, "not retried, as retrying cannot fix it");
        }
        if (n >= policy.attempts()) {
          return new Outcome(null, e, "gave up after " + tried + " (" + budget + ")");
        }
        Duration asked = askedDelay(e);
        Duration wait = asked != null ? asked : backoff(n);
        if (elapsed + wait.toMillis() > policy.seconds() * 1000) {
          return new Outcome(null, e, asked != null
              ? "the provider asked to wait " + seconds(asked.toMillis()) + ", past the retry budget (" + budget
                  + "), after " + tried
              : "the retry budget is spent after " + tried + " (" + budget + ")");
        }
        Workflow.sleep(wait);
      }
    }
  }

  /** As Temporal would decide with the model call's retry options: non-retryable failures and types aside. */
  private static boolean retryable(ActivityFailure e) {
    if (e.getCause() instanceof ApplicationFailure app) {
      return !app.isNonRetryable() && !ModelActivities.NON_RETRYABLE_ERROR.equals(app.getType());
    }
    // A call that timed out or whose worker stopped heartbeating may well work on another try.
    return e.getCause() instanceof TimeoutFailure;
  }

  /** The provider's Retry-After, which the model activity passes on as the next retry delay. */
  private static Duration askedDelay(ActivityFailure e) {
    Duration d = e.getCause() instanceof ApplicationFailure app ? app.getNextRetryDelay() : null;
    return d == null || d.isZero() || d.isNegative() ? null : d;
  }

  private static Duration backoff(int attempt) {
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 16));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** Whole seconds, rounded down: the waits between attempts are whole seconds, the calls add a little. */
  private static String seconds(long millis) {
    return millis / 1000 + " s";
  }
}
