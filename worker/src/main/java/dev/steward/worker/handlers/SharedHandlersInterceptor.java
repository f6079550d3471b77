package dev.steward.worker.handlers;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the signal, update and query handlers of a workflow object with registrations shared by
 * every workflow of its class, instead of the ones the SDK builds for each workflow.
 *
 * <p>When it creates a workflow object the SDK registers each of its annotated handlers: per handler
 * a copy of the reflected method, two copies of its parameter types and a callback holding the method
 * and the object, all kept for as long as the workflow is cached. For an agent's 24 handlers that is
 * about 4 KB of every cached agent. The shared registrations ({@link ClassHandlers}) carry the same
 * names, descriptions, policies and types; their callbacks find the object through
 * {@link Workflow#getInstance()} when called and invoke the same methods the same way.
 *
 * <p>Only the registration of the workflow object itself is replaced, the one the SDK makes right
 * after constructing it; handlers a workflow registers itself ({@code Workflow.registerListener},
 * {@code Workflow.registerSignalHandler}...) pass through untouched. Install it first among the worker
 * interceptors: its outbound interceptor is then the first to see the registration, and every other
 * interceptor sees the shared one.
 */
public final class SharedHandlersInterceptor extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new Inbound(next);
  }

  /** Knows when the SDK constructs the workflow object and registers it: within {@link #init}. */
  private static final class Inbound extends WorkflowInboundCallsInterceptorBase {

    private boolean initializing;

    Inbound(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
      initializing = true;
      try {
        super.init(new Outbound(outboundCalls, this));
      } finally {
        initializing = false;
      }
    }
  }

  private static final class Outbound extends WorkflowOutboundCallsInterceptorBase {

    private final Inbound inbound;

    Outbound(WorkflowOutboundCallsInterceptor next, Inbound inbound) {
      super(next);
      this.inbound = inbound;
    }

    /**
     * The handlers of the workflow object being registered now, or null when this registration is
     * not the SDK's of the object (after initialisation, or from the object's constructor, when the
     * SDK does not know the object yet).
     */
    private ClassHandlers registeringObject() {
      if (!inbound.initializing) {
        return null;
      }
      Object workflow = Workflow.getInstance();
      return workflow == null ? null : ClassHandlers.of(workflow.getClass());
    }

    @Override
    public void registerQuery(RegisterQueryInput input) {
      ClassHandlers handlers = registeringObject();
      super.registerQuery(handlers == null ? input : handlers.query(input));
    }

    @Override
    public void registerSignalHandlers(RegisterSignalHandlersInput input) {
      ClassHandlers handlers = registeringObject();
      if (handlers == null) {
        super.registerSignalHandlers(input);
        return;
      }
      List<SignalRegistrationRequest> shared = new ArrayList<>(input.getRequests().size());
      for (SignalRegistrationRequest request : input.getRequests()) {
        shared.add(handlers.signal(request));
      }
      super.registerSignalHandlers(new RegisterSignalHandlersInput(shared));
    }

    @Override
    public void registerUpdateHandlers(RegisterUpdateHandlersInput input) {
      ClassHandlers handlers = registeringObject();
      if (handlers == null) {
        super.registerUpdateHandlers(input);
        return;
      }
      List<UpdateRegistrationRequest> shared = new ArrayList<>(input.getRequests().size());
      for (UpdateRegistrationRequest request : input.getRequests()) {
        shared.add(handlers.update(request));
      }
      super.registerUpdateHandlers(new RegisterUpdateHandlersInput(shared));
    }
  }
}
