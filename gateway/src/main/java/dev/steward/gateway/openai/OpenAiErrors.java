package dev.steward.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import dev.steward.client.AgentIdUnavailableException;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.RejectedException;
import dev.steward.client.StewardTimeoutException;
import dev.steward.client.StewardUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns anything a Responses or Conversations handler throws into OpenAI's error body
 * ({@code {"error": {"message", "type", "param", "code"}}}) with the status OpenAI uses for it, so
 * OpenAI SDKs raise their usual exceptions. Unexpected failures are logged and answered with a 500
 * that says no more than that.
 */
final class OpenAiErrors {

  private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiErrors() {}

  /** The OpenAI error a failure stands for. */
  static OpenAiException of(Throwable e) {
    if (e instanceof OpenAiException openAi) {
      return openAi;
    }
    if (e instanceof AgentNotFoundException notFound) {
      return OpenAiException.notFound("agent", notFound.agentId());
    }
    if (e instanceof AgentIdUnavailableException) {
      return new OpenAiException(409, OpenAiException.INVALID_REQUEST, null, "conflict", e.getMessage());
    }
    if (e instanceof RejectedException rejected) {
      return new OpenAiException(400, OpenAiException.INVALID_REQUEST, "input", null,
          "The agent did not take the message: " + rejected.reason());
    }
    if (e instanceof StewardUnavailableException) {
      return new OpenAiException(503, "server_error", null, "service_unavailable", e.getMessage());
    }
    if (e instanceof StewardTimeoutException) {
      return new OpenAiException(504, "server_error", null, "timeout", e.getMessage());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException sre) {
        // Temporal's own refusals: its rate limits, and a server that cannot be reached.
        if (sre.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
          return new OpenAiException(429, "rate_limit_exceeded", null, "rate_limit_exceeded",
              "Temporal is busy (" + sre.getStatus().getDescription() + "); try again shortly.");
        }
        if (sre.getStatus().getCode() == Status.Code.UNAVAILABLE) {
          return new OpenAiException(503, "server_error", null, "service_unavailable",
              "Temporal cannot be reached right now; try again shortly.");
        }
        break;
      }
    }
    if (e instanceof IllegalArgumentException) {
      return new OpenAiException(400, OpenAiException.INVALID_REQUEST, null, null, e.getMessage());
    }
    log.warn("Responses API: unexpected failure", e);
    return new OpenAiException(500, "server_error", null, "server_error",
        "The server had an error while processing your request; the gateway's log says more.");
  }

  /** The error's JSON body. */
  static ObjectNode body(OpenAiException e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", e.getMessage());
    error.put("type", e.type());
    error.put("param", e.param());
    error.put("code", e.code());
    return root;
  }

  /** The error as an HTTP response. */
  static HttpResponse response(Throwable failure) {
    OpenAiException e = of(failure);
    return HttpResponse.of(HttpStatus.valueOf(e.status()), MediaType.JSON_UTF_8, body(e).toString());
  }
}
