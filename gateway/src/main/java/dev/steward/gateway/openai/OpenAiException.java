package dev.steward.gateway.openai;

/**
 * A request the Responses API refuses, carrying what OpenAI's error body says: the HTTP status, the
 * error {@code type}, the request field at fault ({@code param}) and a machine-readable {@code code}.
 */
final class OpenAiException extends RuntimeException {

  static final String INVALID_REQUEST = "invalid_request_error";

  private final int status;
  private final String type;
  private final String param;
  private final String code;

  OpenAiException(int status, String type, String param, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** A 400 naming the field at fault. */
  static OpenAiException invalid(String param, String message) {
    return new OpenAiException(400, INVALID_REQUEST, param, null, "Invalid '" + param + "': " + message);
  }

  /** A 404 for an id that does not exist or belongs to another tenant (they read alike, so ids cannot be probed). */
  static OpenAiException notFound(String what, String id) {
    return new OpenAiException(404, INVALID_REQUEST, null, null, "No " + what + " found with id '" + id + "'.");
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String param() {
    return param;
  }

  String code() {
    return code;
  }
}
