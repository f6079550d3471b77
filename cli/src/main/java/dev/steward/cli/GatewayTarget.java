package dev.steward.cli;

import picocli.CommandLine.Option;

/**
 * {@code --gateway} on an agent command. Its API key and TLS are the command's own {@code --api-key}
 * and {@code --tls}: with a gateway, Temporal is never contacted, so those flags mean the gateway's.
 */
final class GatewayTarget {

  @Option(
      names = "--gateway",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:" + GatewayOptions.GATEWAY_VARIABLE + "}",
      description = "Go through the Steward gateway at HOST:PORT instead of straight to Temporal; --api-key and --tls"
          + " are then the gateway's (env " + GatewayOptions.GATEWAY_VARIABLE + " and "
          + GatewayOptions.API_KEY_VARIABLE + "; default: straight to Temporal).")
  String gateway;

  boolean given() {
    return gateway != null && !gateway.isBlank();
  }

  String gateway() {
    return gateway.strip();
  }
}
