package dev.steward.gateway.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import dev.steward.client.AgentAlreadyExistsException;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.RejectedException;
import dev.steward.client.StewardException;
import dev.steward.client.StewardTimeoutException;
import dev.steward.client.StewardUnavailableException;
import dev.steward.client.spec.AgentFileException;
import dev.steward.client.spec.AgentFileProblem;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's gRPC statuses as the client's exceptions, the same ones {@link dev.steward.client.AgentClient}
 * throws, with the gateway's own sentence as the message where it gave one.
 */
final class GatewayFailures {

  /** The {@code ErrorInfo} domain of errors the gateway itself wrote (as opposed to transport errors). */
  static final String DOMAIN = "steward.dev";

  private final String target;

  GatewayFailures(String target) {
    this.target = target;
  }

  StewardException translate(String agentId, StatusRuntimeException e) {
    Status status = e.getStatus();
    String reason = errorReason(e);
    String said = status.getDescription() == null ? status.getCode().name() : status.getDescription();
    return switch (status.getCode()) {
      case NOT_FOUND -> new AgentNotFoundException(agentId, e) {
        @Override
        public String getMessage() {
          return said; // The gateway's words, the same for a missing agent and another tenant's.
        }
      };
      case ALREADY_EXISTS -> new AgentAlreadyExistsException(agentId) {
        @Override
        public String getMessage() {
          return said; // The gateway's words, the same for every id the caller may not use.
        }
      };
      case FAILED_PRECONDITION, INVALID_ARGUMENT -> reason != null && reason.startsWith("SEARCH_ATTRIBUTES")
          ? new StewardException(said, e)
          : new RejectedException(agentId, rejectionReason(e, said), e);
      case UNAVAILABLE -> reason == null
          ? new GatewayUnavailableException(target, "no Steward gateway answers at " + target
              + " (start one with `steward gateway` or `steward dev`, or check --gateway)", e)
          : new GatewayUnavailableException(target, "the gateway at " + target + " says: " + said, e);
      case DEADLINE_EXCEEDED -> new StewardTimeoutException(reason == null
          ? "the gateway at " + target + " did not answer in time about agent '" + agentId + "'"
          : said, said.contains("accepted the message"), e);
      case UNAUTHENTICATED, PERMISSION_DENIED -> new StewardException("the gateway at " + target
          + " refused the request: " + said + " (give an API key with --api-key or STEWARD_API_KEY)", e);
      default -> new StewardException("the gateway at " + target + " failed: " + said, e);
    };
  }

  /**
   * The gateway's refusal of a spec sent as {@code spec_json} (say, a stdio MCP server it does not
   * accept), as problems of the agent file it came from; null when {@code e} is another failure.
   * The gateway's descriptions start with the field's path in the spec.
   */
  AgentFileException specRefusal(Path agentFile, StatusRuntimeException e) {
    if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
      return null;
    }
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details == null) {
      return null;
    }
    List<AgentFileProblem> problems = new ArrayList<>();
    for (Any any : details.getDetailsList()) {
      if (any.is(BadRequest.class)) {
        try {
          for (BadRequest.FieldViolation v : any.unpack(BadRequest.class).getFieldViolationsList()) {
            if (v.getField().equals("spec_json")) {
              String description = v.getDescription();
              int colon = description.indexOf(": ");
              boolean hasPath = colon > 0 && !description.substring(0, colon).contains(" ");
              problems.add(new AgentFileProblem(agentFile.toString(), 0,
                  hasPath ? description.substring(0, colon) : null,
                  (hasPath ? description.substring(colon + 2) : description) + " (the gateway at " + target + ")"));
            }
          }
        } catch (InvalidProtocolBufferException ignored) {
          // Not readable: the status message will do.
        }
      }
    }
    return problems.isEmpty() ? null : new AgentFileException(problems);
  }

  /**
   * The agent's own words for a refusal: the gateway's {@code PreconditionFailure} description (its
   * message already reads "agent '…' rejected the request: …", which {@link RejectedException} says
   * again), else the status message.
   */
  private static String rejectionReason(StatusRuntimeException e, String said) {
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      for (Any any : details.getDetailsList()) {
        if (any.is(PreconditionFailure.class)) {
          try {
            PreconditionFailure failure = any.unpack(PreconditionFailure.class);
            if (failure.getViolationsCount() > 0 && !failure.getViolations(0).getDescription().isBlank()) {
              return failure.getViolations(0).getDescription();
            }
          } catch (InvalidProtocolBufferException ignored) {
            // Not readable: the status message will do.
          }
        }
      }
    }
    return said;
  }

  /** The {@code ErrorInfo} reason when the gateway wrote the status, else null. */
  private static String errorReason(StatusRuntimeException e) {
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details == null) {
      return null;
    }
    for (Any any : details.getDetailsList()) {
      if (any.is(ErrorInfo.class)) {
        try {
          ErrorInfo info = any.unpack(ErrorInfo.class);
          if (DOMAIN.equals(info.getDomain())) {
            return info.getReason();
          }
        } catch (InvalidProtocolBufferException ignored) {
          // Not readable: treat it as a status the gateway did not write.
        }
      }
    }
    return null;
  }
}
