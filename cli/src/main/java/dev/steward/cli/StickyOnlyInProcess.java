package dev.steward.cli;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Makes the embedded server ignore requests for sticky execution, except from the worker in its own
 * process.
 *
 * <p>A worker asks Temporal to send an agent's next workflow tasks (and queries) to its own "sticky"
 * queue, to reuse the agent's state cached in memory; without it, every task brings the whole
 * history and the worker replays it, so a turn costs more the older the agent (docs/BENCHMARKS.md).
 * A real server falls back to the agent's normal task queue when that worker stops answering; the
 * Java test server does not (1.38.0 has no sticky schedule-to-start timeout), so an agent whose
 * worker was killed would wait forever. The worker in the server's own process cannot die without
 * the server and its agents, so it keeps sticky execution; any other worker (a {@code steward worker}
 * beside {@code steward dev --server embedded}, which may be killed) gets every task through the
 * normal queue, where any worker takes it.
 */
final class StickyOnlyInProcess implements ServerInterceptor {

  private static final String COMPLETE_TASK =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

  private final String inProcessWorker;

  /** @param inProcessWorker the identity of the worker that lives and dies with the server */
  StickyOnlyInProcess(String inProcessWorker) {
    this.inProcessWorker = inProcessWorker;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> listener = next.startCall(call, headers);
    if (!COMPLETE_TASK.equals(call.getMethodDescriptor().getFullMethodName())) {
      return listener;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(ReqT message) {
        if (message instanceof RespondWorkflowTaskCompletedRequest request && request.hasStickyAttributes()
            && !inProcessWorker.equals(request.getIdentity())) {
          message = (ReqT) request.toBuilder().clearStickyAttributes().build();
        }
        super.onMessage(message);
      }
    };
  }
}
