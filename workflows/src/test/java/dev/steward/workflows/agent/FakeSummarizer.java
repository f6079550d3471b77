package dev.steward.workflows.agent;

import dev.steward.workflows.memory.SummaryActivities;
import dev.steward.workflows.memory.SummaryRequest;
import dev.steward.workflows.model.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A summariser for workflow tests: says which entries it folded, and records each request. */
final class FakeSummarizer implements SummaryActivities {

  static final List<SummaryRequest> REQUESTS = new CopyOnWriteArrayList<>();

  @Override
  public Summary summarize(SummaryRequest request) {
    REQUESTS.add(request);
    return new Summary("folded " + request.fromSeq() + "-" + request.toSeq(), new TokenUsage(3, 2));
  }
}
