package dev.steward.activities.tools.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;

/** Turns SDK exceptions into one line a model (or a person) can read. */
final class McpErrors {

  /** The SDK's message (McpClientSession, 2.1.0) for requests pending when their session is dropped. */
  private static final String SESSION_TERMINATED = "MCP session with server terminated";

  private McpErrors() {}

  /** The JSON-RPC error in {@code error}'s causes, or null. */
  static McpError find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof McpError e) {
        return e;
      }
    }
    return null;
  }

  /**
   * Whether {@code error} says the HTTP server no longer knows the session (404 on its session id,
   * after a restart or an expiry): the SDK's own exception, or the one it fails pending requests
   * with when it drops that session.
   */
  static boolean sessionExpired(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof McpTransportSessionNotFoundException || SESSION_TERMINATED.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  static String describe(Throwable error) {
    McpError rpc = find(error);
    if (rpc != null && rpc.getJsonRpcError() != null) {
      return rpc.getJsonRpcError().message() + " (JSON-RPC error " + rpc.getJsonRpcError().code() + ")";
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
