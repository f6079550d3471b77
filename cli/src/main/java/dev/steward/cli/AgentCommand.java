package dev.steward.cli;

import dev.steward.client.AgentClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command on agents through a Temporal server: connects, runs, closes. */
abstract class AgentCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;
  @ParentCommand StewardCli root;

  @Override
  public final Integer call() throws Exception {
    try (ClosingClient client = new ClosingClient(Clients.connectReachable(connection.clientSettings()))) {
      return run(client.client);
    }
  }

  /** Does the command's work and returns its exit code. */
  abstract int run(AgentClient client) throws Exception;

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

  private record ClosingClient(AgentClient client) implements AutoCloseable {
    @Override
    public void close() {
      Clients.closeQuietly(client);
    }
  }
}
