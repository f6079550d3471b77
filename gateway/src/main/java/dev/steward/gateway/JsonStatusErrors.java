package dev.steward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Status;

/**
 * A request body that is not JSON never reaches a gRPC handler: Armeria answers it with a plain-text
 * 400. On the HTTP/JSON API ({@code /v1/...}) this answers it as every other error there is
 * answered, a {@code google.rpc.Status} JSON body with code INVALID_ARGUMENT.
 */
final class JsonStatusErrors implements ServerErrorHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    if (!ctx.path().startsWith("/v1/") || !(cause instanceof HttpStatusException e)
        || e.httpStatus() != HttpStatus.BAD_REQUEST) {
      return null;
    }
    Throwable reason = e.getCause() != null ? e.getCause() : e;
    ObjectNode status = JSON.createObjectNode()
        .put("code", Status.Code.INVALID_ARGUMENT.value())
        .put("message", "the request body is not valid JSON for this call: " + reason.getMessage());
    status.putArray("details");
    return HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.JSON_UTF_8, status.toString());
  }
}
