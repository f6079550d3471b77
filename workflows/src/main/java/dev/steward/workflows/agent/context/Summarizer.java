package dev.steward.workflows.agent.context;

import dev.steward.workflows.memory.SummaryActivities;
import dev.steward.workflows.memory.SummaryRequest;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.spec.FallbackPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The summarisation activity, with the same retry rules as a model call. */
public final class Summarizer {

  private Summarizer() {}

  public static SummaryActivities.Summary summarize(SummaryRequest request, int turn) {
    ActivityOptions options = ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(request.model().timeoutSecondsOrDefault()))
        // Retried as a model call with no fallback after it.
        .setRetryOptions(ModelActivities.retries(FallbackPolicy.LAST_MODEL_ATTEMPTS))
        .setSummary("summarise entries " + request.fromSeq() + "–" + request.toSeq() + " · turn " + turn)
        .build();
    return Workflow.newActivityStub(SummaryActivities.class, options).summarize(request);
  }
}
