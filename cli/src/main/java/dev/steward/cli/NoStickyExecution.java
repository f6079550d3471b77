package dev.steward.cli;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Makes the embedded server ignore workers' requests for sticky execution.
 *
 * <p>A worker asks Temporal to send an agent's next workflow tasks (and queries) to its own
 * "sticky" queue, to reuse the agent's state cached in memory. A real server falls back to the
 * agent's normal task queue when that worker stops answering; the Java test server does not
 * (1.38.0 has no sticky schedule-to-start timeout), so an agent whose worker was killed would wait
 * forever. Without stickiness every task goes through the normal queue, where any worker takes it;
 * the cost is a replay per task, which a development server can afford.
 */
final class NoStickyExecution implements ServerInterceptor {

  private static final String COMPLETE_TASK =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

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
        if (message instanceof RespondWorkflowTaskCompletedRequest request && request.hasStickyAttributes()) {
          message = (ReqT) request.toBuilder().clearStickyAttributes().build();
        }
        super.onMessage(message);
      }
    };
  }
}
