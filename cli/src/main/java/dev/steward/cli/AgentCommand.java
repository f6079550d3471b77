package dev.steward.cli;

import dev.steward.client.Agents;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command on agents: connects straight to Temporal, or through a Steward gateway with
 * {@code --gateway}; runs; closes.
 */
abstract class AgentCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;
  @Mixin GatewayTarget gateway;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;
  @ParentCommand StewardCli root;

  @Override
  public final Integer call() throws Exception {
    readInputs();
    Agents agents = viaGateway();
    if (agents == null) {
      agents = Clients.connectReachable(connection.clientSettings());
    }
    try {
      return run(agents);
    } finally {
      Clients.closeQuietly(agents);
    }
  }

  /**
   * The gateway named on this command or on {@code steward}, or null for straight to Temporal. With a
   * gateway this command's {@code --api-key} and {@code --tls} are the gateway's, falling back to
   * those given on {@code steward} (and {@code STEWARD_API_KEY}).
   */
  private Agents viaGateway() {
    GatewayOptions top = root.gateway;
    if (!gateway.given() && !top.given()) {
      return null;
    }
    String target = gateway.given() ? gateway.gateway() : top.gateway();
    String apiKey = connection.apiKey != null && !connection.apiKey.isBlank() ? connection.apiKey.strip() : top.apiKey();
    boolean tls = connection.tls != null ? connection.tls : top.tls();
    return GatewayOptions.connect(target, apiKey, tls);
  }

  /**
   * Reads and checks the command's own input (a file, standard input) before any connection is
   * made, so a missing or malformed file is reported as such even when no server answers.
   */
  void readInputs() throws Exception {}

  /** Does the command's work and returns its exit code. */
  abstract int run(Agents agents) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints {@code value} as JSON with --json, else {@code text}. */
  void print(Object value, String text) {
    out().println(json.enabled() ? Json.write(value) : text);
    out().flush();
  }
}
