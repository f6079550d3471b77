package dev.steward.cli;

import dev.steward.connection.TemporalConnection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks whether a Temporal frontend answers. A busy server (a loaded laptop, a CI machine) can take
 * seconds to answer, so a silent one is asked again with longer deadlines (1 s, 2 s, 4 s, ...) until
 * the total runs out; a refused connection, where no server listens, is an answer at once.
 */
final class Probe {

  /** What the server said. */
  enum Answer {
    /** Its health check says SERVING. */
    SERVING,
    /** Nothing listens there: the connection was refused. */
    ABSENT,
    /** Something listens but did not say SERVING (busy, starting, a failed handshake, or not Temporal). */
    SILENT
  }

  /** The longest a command waits for a server that is there but slow: {@value} seconds. */
  static final int DEFAULT_TOTAL_SECONDS = 15;

  static final Duration DEFAULT_TOTAL = Duration.ofSeconds(DEFAULT_TOTAL_SECONDS);

  private Probe() {}

  /**
   * Asks within {@code total}, over the connection's TLS and with its API key. A failed TLS
   * handshake counts as silence.
   */
  static Answer ask(TemporalConnection connection, Duration total) {
    Instant deadline = Instant.now().plus(total);
    Duration attempt = Duration.ofSeconds(1);
    while (true) {
      Duration left = Duration.between(Instant.now(), deadline);
      Duration timeout = attempt.compareTo(left) < 0 ? attempt : left;
      if (timeout.toMillis() < 100) {
        return Answer.SILENT;
      }
      Attempt result = askOnce(connection, timeout);
      if (result != Attempt.TIMED_OUT) {
        return result.answer;
      }
      attempt = attempt.compareTo(total) < 0 ? attempt.multipliedBy(2) : total;
    }
  }

  /** One health check's outcome; only a timeout is worth asking again. */
  private enum Attempt {
    SERVING(Answer.SERVING), REFUSED(Answer.ABSENT), TIMED_OUT(Answer.SILENT), FAILED(Answer.SILENT);

    final Answer answer;

    Attempt(Answer answer) {
      this.answer = answer;
    }
  }

  /** True when the server says SERVING within {@code total}. */
  static boolean reachable(TemporalConnection connection, Duration total) {
    return ask(connection, total) == Answer.SERVING;
  }

  /** {@link #reachable(TemporalConnection, Duration)} in plain text, for local servers. */
  static boolean reachable(String address, Duration total) {
    return reachable(TemporalConnection.plain(address, null), total);
  }

  private static Attempt askOnce(TemporalConnection connection, Duration timeout) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder(connection.workflowServiceStubsOptions())
            .setHealthCheckAttemptTimeout(timeout).build());
    try {
      // The SDK's health check goes through the intercepted channel, so the API key travels with it.
      return stubs.healthCheck().getStatus() == HealthCheckResponse.ServingStatus.SERVING
          ? Attempt.SERVING : Attempt.TIMED_OUT;
    } catch (StatusRuntimeException e) {
      // A failed handshake or a refused key will fail the same way again: say so at once.
      return refused(e) ? Attempt.REFUSED
          : e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED ? Attempt.TIMED_OUT : Attempt.FAILED;
    } finally {
      stubs.shutdownNow();
    }
  }

  private static boolean refused(StatusRuntimeException e) {
    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }
}
