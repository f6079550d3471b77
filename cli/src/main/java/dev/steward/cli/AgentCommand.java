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
  @Mixin GatewayOptions gateway;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;
  @ParentCommand StewardCli root;

  @Override
  public final Integer call() throws Exception {
    GatewayOptions through = gateway.orElse(root.gateway);
    Agents agents = through.given() ? through.connect() : Clients.connectReachable(connection.clientSettings());
    try {
      return run(agents);
    } finally {
      Clients.closeQuietly(agents);
    }
  }

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
