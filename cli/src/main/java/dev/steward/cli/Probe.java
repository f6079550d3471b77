package dev.steward.cli;

import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Asks whether a Temporal frontend answers at an address, with a deadline. */
final class Probe {

  private Probe() {}

  /**
   * True when the frontend's gRPC health check says SERVING within {@code timeout}. A refused
   * connection answers at once (no waiting for a server that may come up later), so that
   * {@code steward run} on a machine without a server starts its embedded one without delay.
   */
  static boolean reachable(String address, Duration timeout) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    try {
      HealthCheckResponse response = HealthGrpc.newBlockingStub(stubs.getRawChannel())
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService(WorkflowServiceStubs.HEALTH_CHECK_SERVICE_NAME).build());
      return response.getStatus() == HealthCheckResponse.ServingStatus.SERVING;
    } catch (StatusRuntimeException e) {
      return false;
    } finally {
      stubs.shutdownNow();
    }
  }
}
