package dev.steward.worker.observe;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;

/**
 * Steward's worker interceptor: agents' workflows are watched by {@link AgentWorkflowObserver}, their
 * activities by {@link ActivityObserver}, for metrics, log context and span attributes. Install it
 * before the tracing interceptor, so it runs inside the spans that one opens.
 */
public final class StewardWorkerInterceptor extends WorkerInterceptorBase {

  private final StewardMeters meters;

  public StewardWorkerInterceptor(StewardMeters meters) {
    this.meters = meters;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new AgentWorkflowObserver(next, meters);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityObserver(next, meters);
  }
}
