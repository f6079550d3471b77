package dev.steward.activities.tools.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * The SDK's stdio transport, but the child process inherits nothing from the worker's
 * environment: it gets exactly the variables in {@link ServerParameters#getEnv()} (PATH, HOME, the
 * SDK's non-secret defaults and the credentials the server names), so a server never sees
 * credentials it was not given.
 */
final class CleanEnvironmentStdioTransport extends StdioClientTransport {

  CleanEnvironmentStdioTransport(ServerParameters params, McpJsonMapper json) {
    super(params, json);
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    ProcessBuilder builder = super.getProcessBuilder();
    // The SDK adds the server's variables after this, onto what we return.
    builder.environment().clear();
    return builder;
  }
}
