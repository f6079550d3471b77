package dev.steward.cli;

import dev.steward.connection.TemporalConnection;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/** Asks whether a Temporal frontend answers, with a deadline. */
final class Probe {

  private Probe() {}

  /**
   * True when the frontend's gRPC health check says SERVING within {@code timeout}, over the
   * connection's TLS and with its API key. A refused connection answers at once (no waiting for a
   * server that may come up later), so that {@code steward run} on a machine without a server starts
   * its embedded one without delay. A failed TLS handshake counts as no answer.
   */
  static boolean reachable(TemporalConnection connection, Duration timeout) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder(connection.workflowServiceStubsOptions())
            .setHealthCheckAttemptTimeout(timeout).build());
    try {
      // The SDK's health check goes through the intercepted channel, so the API key travels with it.
      return stubs.healthCheck().getStatus() == HealthCheckResponse.ServingStatus.SERVING;
    } catch (StatusRuntimeException e) {
      return false;
    } finally {
      stubs.shutdownNow();
    }
  }

  /** {@link #reachable(TemporalConnection, Duration)} in plain text, for local servers. */
  static boolean reachable(String address, Duration timeout) {
    return reachable(TemporalConnection.plain(address, null), timeout);
  }
}
