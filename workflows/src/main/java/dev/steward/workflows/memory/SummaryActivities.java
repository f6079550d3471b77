package dev.steward.workflows.memory;

import dev.steward.workflows.model.TokenUsage;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes the summary that replaces older turns in the model's context. */
@ActivityInterface
public interface SummaryActivities {

  /** A summary and what it cost. */
  record Summary(String text, TokenUsage usage) {}

  @ActivityMethod(name = "Summarize")
  Summary summarize(SummaryRequest request);
}
