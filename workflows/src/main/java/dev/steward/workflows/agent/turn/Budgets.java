package dev.steward.workflows.agent.turn;

import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.spec.Limits;
import java.util.Locale;

/** The agent's lifetime token and cost budgets, checked before each model call. */
public final class Budgets {

  private Budgets() {}

  /** Why the next model call may not run, or null when it may. */
  public static String exceeded(Limits limits, Usage usage, LastCall last) {
    long maxTokens = limits.maxTotalTokens();
    long tokens = usage.tokens().totalTokens();
    if (maxTokens > 0 && (tokens >= maxTokens || projects() && tokens + last.tokens() > maxTokens)) {
      return "token budget reached: " + tokens + " of " + maxTokens + " tokens used"
          + (tokens < maxTokens ? ", and the next call would need about " + last.tokens() + " more" : "");
    }
    double maxCost = limits.maxCostUsd();
    double cost = usage.costUsd();
    if (maxCost > 0 && (cost >= maxCost || cost + last.costUsd() > maxCost)) {
      return "cost budget reached: " + dollars(cost) + " of " + dollars(maxCost) + " spent"
          + (cost < maxCost ? ", and the next call would cost about " + dollars(last.costUsd()) + " more" : "");
    }
    return null;
  }

  /** Histories recorded before budgets projected the next call compare only what was spent. */
  private static boolean projects() {
    return Versions.atLeast(ChangeIds.BUDGET_PROJECTS_NEXT_CALL, 1);
  }

  public static String dollars(double usd) {
    // Nothing spent is common (local and unpriced models) and is written at the end of every turn:
    // it skips the formatter. Positive zero only: the formatter writes -0.0 with its sign.
    if (Double.doubleToRawLongBits(usd) == 0L) {
      return "$0.0000";
    }
    return String.format(Locale.ROOT, "$%.4f", usd);
  }
}
