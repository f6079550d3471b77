package dev.steward.worker.context;

import dev.steward.activities.context.ModelContextHandoff;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import java.util.Objects;

/**
 * The worker interceptor that fills a worker's {@link ModelContextHandoff}: each agent it runs
 * leaves there the context of every model call it schedules ({@link AgentContextHandoff}), for the
 * worker's own model activities. Give the same handoff to the worker's {@code ModelActivitiesImpl}.
 */
public final class ModelContextHandoffInterceptor extends WorkerInterceptorBase {

  private final ModelContextHandoff handoff;

  public ModelContextHandoffInterceptor(ModelContextHandoff handoff) {
    this.handoff = Objects.requireNonNull(handoff, "handoff");
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return handoff.enabled() ? new AgentContextHandoff(next, handoff) : next;
  }
}
