package dev.steward.gateway;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import dev.steward.client.AgentAlreadyExistsException;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.RejectedException;
import dev.steward.client.SearchAttributesNotRegisteredException;
import dev.steward.client.StewardException;
import dev.steward.client.StewardTimeoutException;
import dev.steward.client.StewardUnavailableException;
import dev.steward.client.TranscriptUnavailableException;
import dev.steward.client.spec.AgentFileException;
import dev.steward.client.spec.AgentFileProblem;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what went wrong into a gRPC status a client can act on, with {@code google.rpc} details:
 * {@code ErrorInfo} always (domain {@value #DOMAIN}), {@code BadRequest} for INVALID_ARGUMENT,
 * {@code PreconditionFailure} for FAILED_PRECONDITION, {@code ResourceInfo} for agents. Messages are
 * Steward's own sentences; stack traces stay in the gateway's log.
 */
final class GrpcErrors {

  static final String DOMAIN = "steward.dev";
  /** The longest message or detail text a status carries. */
  static final int MAX_TEXT_CHARS = 1000;
  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static StatusRuntimeException toStatus(Throwable e) {
    if (e instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (e instanceof BadRequestException bad) {
      BadRequest.Builder details = BadRequest.newBuilder();
      bad.violations().forEach(v -> details.addFieldViolations(
          BadRequest.FieldViolation.newBuilder().setField(shortened(v.field())).setDescription(shortened(v.reason()))));
      return status(Code.INVALID_ARGUMENT, bad.getMessage(), "INVALID_REQUEST", Any.pack(details.build()));
    }
    if (e instanceof AgentFileException file) {
      BadRequest.Builder details = BadRequest.newBuilder();
      for (AgentFileProblem p : file.problems()) {
        details.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(shortened(p.file()))
            .setDescription(shortened(p.toString())));
      }
      return status(Code.INVALID_ARGUMENT, file.getMessage(), "INVALID_AGENT_FILE", Any.pack(details.build()));
    }
    if (e instanceof AgentNotFoundException notFound) {
      // The same words whether the agent does not exist or belongs to another tenant.
      return status(Code.NOT_FOUND, "agent '" + notFound.agentId() + "' not found", "AGENT_NOT_FOUND",
          agent(notFound.agentId()));
    }
    if (e instanceof AgentAlreadyExistsException exists) {
      return status(Code.ALREADY_EXISTS, exists.getMessage(), "AGENT_ALREADY_EXISTS", agent(exists.agentId()));
    }
    if (e instanceof RejectedException rejected) {
      String type = rejected.reason() != null && rejected.reason().toLowerCase(Locale.ROOT).contains("turn limit")
          ? "TURN_LIMIT" : "AGENT_STATE";
      PreconditionFailure details = PreconditionFailure.newBuilder()
          .addViolations(PreconditionFailure.Violation.newBuilder()
              .setType(type).setSubject("agent").setDescription(shortened(String.valueOf(rejected.reason()))))
          .build();
      return status(Code.FAILED_PRECONDITION, rejected.getMessage(),
          type.equals("TURN_LIMIT") ? "TURN_LIMIT_REACHED" : "REQUEST_REJECTED", Any.pack(details));
    }
    if (e instanceof SearchAttributesNotRegisteredException sa) {
      PreconditionFailure details = PreconditionFailure.newBuilder()
          .addViolations(PreconditionFailure.Violation.newBuilder()
              .setType("SEARCH_ATTRIBUTES").setSubject("temporal").setDescription(sa.getMessage()))
          .build();
      return status(Code.FAILED_PRECONDITION, sa.getMessage(), "SEARCH_ATTRIBUTES_NOT_REGISTERED", Any.pack(details));
    }
    if (e instanceof TranscriptUnavailableException segment) {
      return status(Code.UNAVAILABLE, segment.getMessage(), "TRANSCRIPT_UNAVAILABLE");
    }
    if (e instanceof StewardUnavailableException) {
      return status(Code.UNAVAILABLE, "Temporal is unreachable from the gateway; retry later", "TEMPORAL_UNAVAILABLE");
    }
    if (e instanceof StewardTimeoutException timeout) {
      return status(Code.DEADLINE_EXCEEDED, timeout.getMessage(), "TIMEOUT");
    }
    if (e instanceof IllegalArgumentException bad) {
      return status(Code.INVALID_ARGUMENT, bad.getMessage(), "INVALID_REQUEST");
    }
    if (e instanceof StewardException steward) {
      log.warn("request failed: {}", steward.getMessage(), steward);
      // A failed query's message may carry the worker's stack trace: the client gets its first line.
      return status(Code.INTERNAL, firstLine(steward.getMessage()), "AGENT_ERROR");
    }
    // Anything else is a bug here; the client gets an id to quote, the log gets the trace.
    String incident = UUID.randomUUID().toString().substring(0, 8);
    log.error("internal error {}", incident, e);
    return status(Code.INTERNAL, "internal error in the gateway (incident " + incident + ")", "INTERNAL");
  }

  /**
   * Text that fits in a status: messages and details travel in HTTP/2 trailers, and a caller's
   * 64 KiB value quoted back would overflow a client's header limit (8 KiB in grpc-java), which
   * then sees a reset stream instead of our answer.
   */
  static String shortened(String text) {
    if (text == null || text.length() <= MAX_TEXT_CHARS) {
      return text;
    }
    return text.substring(0, MAX_TEXT_CHARS) + "… (" + (text.length() - MAX_TEXT_CHARS) + " more characters)";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return null;
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  private static Any agent(String agentId) {
    return Any.pack(ResourceInfo.newBuilder()
        .setResourceType("steward.dev/Agent").setResourceName(AgentNames.name(agentId)).build());
  }

  private static StatusRuntimeException status(Code code, String message, String reason, Any... details) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(message == null ? code.name() : shortened(message))
        .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason(reason).build()));
    for (Any d : details) {
      status.addDetails(d);
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }
}
