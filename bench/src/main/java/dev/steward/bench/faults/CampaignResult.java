package dev.steward.bench.faults;

import dev.steward.bench.Stats;
import java.util.List;

/** What a fault campaign counted, and its report. The zeros are what CI checks; timings are only reported. */
record CampaignResult(
    String name,
    String started,
    CampaignPlan plan,
    double errorShare,
    int accepted,
    int inTranscripts,
    int unanswered,
    int notIdle,
    int failedTurns,
    int askErrors,
    List<String> failures,
    int toolEffects,
    int effectsDoneTwice,
    int retriedWithSameKey,
    int retriedAfterAnswer,
    long requestsWithoutKey,
    int kills,
    int modelCalls,
    int modelErrors,
    int modelHangs,
    int modelOutageAnswers,
    List<Double> calmMillis,
    List<Double> faultMillis,
    int gatewayRestarts,
    int watchReconnects,
    int eventsWatched,
    int eventsMissed,
    int eventsSkipped,
    int eventsOutOfOrder) {

  /** Lost messages, effects done twice, stuck turns and turns that did not complete are all zero. */
  boolean zerosHold() {
    return accepted == inTranscripts && effectsDoneTwice == 0 && stuck() == 0 && failedTurns == 0 && unanswered == 0
        && requestsWithoutKey == 0 && eventsMissed == 0 && eventsSkipped == 0 && eventsOutOfOrder == 0;
  }

  /**
   * Turns that did not end: asks with no outcome within their timeout, and agents still busy or with
   * messages waiting at the end. A turn that ended with an error is not stuck; it is counted apart.
   */
  int stuck() {
    return askErrors + notIdle;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### Fault campaign (").append(name).append("), ").append(started).append("\n\n");
    md.append(String.format("Plan: %d agents, %d s of faults, %d worker JVMs, a kill every %d–%d s, a %d s model"
        + " outage, %.0f %% of model calls answered 429/500 with Retry-After, 3 %% hanging past the timeout. "
        + "%d cores, JDK %s, load average at the end %.2f.%n%n", plan.agents(), plan.seconds(), plan.workers(),
        plan.killEverySecondsMin(), plan.killEverySecondsMax(), plan.outageSeconds(), errorShare * 100,
        Runtime.getRuntime().availableProcessors(), Runtime.version(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    md.append("| what | count | must be |\n|---|---|---|\n");
    md.append(row("messages accepted", accepted, "—"));
    md.append(row("messages in transcripts", inTranscripts, "= accepted"));
    md.append(row("completed tool effects done twice (a path under two idempotency keys)", effectsDoneTwice, "0"));
    md.append(row("turns stuck (asks with no outcome, agents not idle at the end)", stuck(), "0"));
    md.append(row("turns that ended with an error (the model's retries ran out)", failedTurns, "0"));
    md.append(row("user messages without a final reply (includes the turns that ended with an error)", unanswered,
        "0"));
    md.append(row("tool requests without an idempotency key", (int) requestsWithoutKey, "0"));
    md.append(row("Watch: events the agents wrote that a watcher never received", eventsMissed, "0"));
    md.append(row("Watch: events reported skipped or received out of order", eventsSkipped + eventsOutOfOrder, "0"));
    md.append(row("worker kills (SIGKILL)", kills, "—"));
    md.append(row("gateway restarts under load", gatewayRestarts, "—"));
    md.append(row("Watch reconnection attempts (streams cut, connects refused while the gateway was down)",
        watchReconnects, "—"));
    md.append(row("events received by the watchers", eventsWatched, "—"));
    md.append(row("tool effects (distinct calls)", toolEffects, "—"));
    md.append(row("calls in flight at a kill that ran twice (same key)", retriedWithSameKey, "counted"));
    md.append(row("… of which the ledger had already answered in full", retriedAfterAnswer, "counted"));
    md.append(row("model calls", modelCalls, "—"));
    md.append(row("model calls answered 429/500", modelErrors, "—"));
    md.append(row("model calls hung past the timeout", modelHangs, "—"));
    md.append(row("model calls answered 503 in the outage", modelOutageAnswers, "—"));
    md.append(String.format("%nTurn latency, calm (no faults, %d turns): p50 %.0f ms, p99 %.0f ms. Under faults (%d"
        + " turns): p50 %.0f ms, p99 %.0f ms, max %.0f ms. Extra latency at the median: %.0f ms.%n",
        calmMillis.size(), Stats.percentile(calmMillis, 50), Stats.percentile(calmMillis, 99), faultMillis.size(), Stats.percentile(faultMillis, 50),
        Stats.percentile(faultMillis, 99), Stats.percentile(faultMillis, 100), Stats.percentile(faultMillis, 50) - Stats.percentile(calmMillis, 50)));
    if (!failures.isEmpty()) {
      md.append("\nTurns that ended with an error or asks with no outcome (first 10):\n\n");
      failures.stream().limit(10).forEach(f -> md.append("- ").append(f.replace('\n', ' ')).append('\n'));
    }
    md.append("\nZeros hold: **").append(zerosHold() ? "yes" : "NO").append("**\n");
    return md.toString();
  }

  private static String row(String what, int count, String mustBe) {
    return "| " + what + " | " + count + " | " + mustBe + " |\n";
  }
}
