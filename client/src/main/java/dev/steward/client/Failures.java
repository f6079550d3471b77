package dev.steward.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns Temporal's exceptions into Steward's, whose messages say what happened in a person's terms
 * and what to do next.
 */
final class Failures {

  private final String address;
  private final String taskQueue;

  Failures(String address, String taskQueue) {
    this.address = address;
    this.taskQueue = taskQueue;
  }

  StewardException translate(String agentId, RuntimeException e) {
    if (e instanceof StewardException steward) {
      return steward;
    }
    if (e instanceof WorkflowNotFoundException) {
      return new AgentNotFoundException(agentId, e);
    }
    if (e instanceof WorkflowUpdateException update) {
      return new RejectedException(agentId, reason(update.getCause()), e);
    }
    Optional<Status.Code> code = statusCode(e);
    if (code.isPresent()) {
      switch (code.get()) {
        case NOT_FOUND:
          return new AgentNotFoundException(agentId, e);
        case UNAVAILABLE:
          return new StewardUnavailableException(address, e);
        case DEADLINE_EXCEEDED:
          return new StewardTimeoutException("agent '" + agentId + "' did not answer in time; "
              + "is a Steward worker running on task queue '" + taskQueue + "'?", false, e);
        default:
          break;
      }
    }
    if (e instanceof WorkflowQueryException query) {
      return new StewardException("agent '" + agentId + "' could not answer: " + reason(query.getCause()), e);
    }
    return new StewardException("request to agent '" + agentId + "' failed: " + reason(e), e);
  }

  /** The gRPC status anywhere in the cause chain, if the failure came from the wire. */
  static Optional<Status.Code> statusCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException sre) {
        return Optional.of(sre.getStatus().getCode());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * True when the server refused an update because the agent's workflow task is failing for now (a
   * worker killed or too busy in the middle of it), or dropped it because the task it was sent in
   * failed ("unexpected workflow task failure": the server aborts only updates not yet accepted that
   * way): nothing was accepted, so offering it again is safe.
   */
  static boolean workflowTaskFailing(Throwable e) {
    String description = statusDescription(e);
    if (statusCode(e).orElse(null) != Status.Code.FAILED_PRECONDITION || description == null) {
      return false;
    }
    String lower = description.toLowerCase(Locale.ROOT);
    return lower.contains("workflow task in failed state") || lower.contains("unexpected workflow task failure");
  }

  /** The gRPC status description anywhere in the cause chain, or null. */
  static String statusDescription(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException sre) {
        return sre.getStatus().getDescription();
      }
    }
    return null;
  }

  /** The innermost message a person can act on: a workflow's own words rather than Temporal's wrapping. */
  static String reason(Throwable e) {
    if (e == null) {
      return "unknown reason";
    }
    if (e instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    String description = statusDescription(e);
    if (description != null) {
      return description;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
