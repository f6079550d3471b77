package dev.steward.activities.tools.mcp;

import io.modelcontextprotocol.spec.McpError;

/** Turns SDK exceptions into one line a model (or a person) can read. */
final class McpErrors {

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
