package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.gateway.client.GatewayAgents;
import picocli.CommandLine.Option;

/**
 * Whether agent commands go through a Steward gateway instead of straight to Temporal, given on the
 * {@code steward} command ({@code steward --gateway host:port --api-key K list}). An agent command's
 * own {@code --gateway} ({@link GatewayTarget}) wins, with its {@code --api-key} and {@code --tls}.
 */
final class GatewayOptions {

  /** Environment variable for {@code --gateway}. */
  static final String GATEWAY_VARIABLE = "STEWARD_GATEWAY";
  /** Environment variable for {@code --api-key}. */
  static final String API_KEY_VARIABLE = "STEWARD_API_KEY";

  @Option(
      names = "--gateway",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:" + GATEWAY_VARIABLE + "}",
      description = "Go through the Steward gateway at HOST:PORT instead of straight to Temporal"
          + " (env " + GATEWAY_VARIABLE + "; default: straight to Temporal).")
  String gateway;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:" + API_KEY_VARIABLE + "}",
      description = "API key for the gateway; it decides the tenant (env " + API_KEY_VARIABLE
          + ", preferred: a command line is visible to other users; default: none).")
  String apiKey;

  @Option(
      names = "--tls",
      description = "Speak TLS to the gateway, trusting the JVM's certificate authorities (default: plain text).")
  boolean tls;

  /** Whether a gateway is named here. */
  boolean given() {
    return gateway != null && !gateway.isBlank();
  }

  String gateway() {
    return gateway.strip();
  }

  /** The API key given here or in {@value #API_KEY_VARIABLE}, or null. */
  String apiKey() {
    return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }

  boolean tls() {
    return tls;
  }

  /** A lazy connection to the gateway; the first request says whether it answers. */
  static Agents connect(String gateway, String apiKey, boolean tls) {
    return GatewayAgents.connect(gateway, apiKey, tls);
  }
}
