package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.client.AgentSummary;
import dev.steward.workflows.agent.AgentStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steward list}: agents on the server, newest first as the server returns them. */
@Command(name = "list", description = "List agents, optionally only those with a name or status.")
final class ListCommand extends AgentCommand {

  @Option(names = "--name", paramLabel = "NAME", description = "Only agents with this name (from their spec).")
  String name;

  @Option(names = "--status", paramLabel = "STATUS",
      description = "Only agents with this status: ${COMPLETION-CANDIDATES}.")
  AgentStatus status;

  /** How to order the list. */
  enum Sort { started, cost, tokens }

  @Option(names = "--sort", paramLabel = "KEY", defaultValue = "started",
      description = "Order: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; cost and tokens: highest first).")
  Sort sort;

  @Override
  int run(Agents client) {
    List<AgentSummary> agents = new java.util.ArrayList<>(client.list(name, status));
    switch (sort) {
      case cost -> agents.sort(java.util.Comparator.comparingDouble(AgentSummary::costUsd).reversed());
      case tokens -> agents.sort(java.util.Comparator.comparingLong(AgentSummary::totalTokens).reversed());
      default -> { }
    }
    if (json.enabled()) {
      print(agents, null);
      return 0;
    }
    if (agents.isEmpty()) {
      err().println("no agents" + (name != null || status != null ? " match" : " yet"));
      err().flush();
      return 0;
    }
    int idWidth = Math.max(2, agents.stream().mapToInt(a -> a.agentId().length()).max().orElse(2));
    int nameWidth = Math.max(4, agents.stream().mapToInt(a -> a.name() == null ? 1 : a.name().length()).max().orElse(4));
    String row = "%-" + idWidth + "s  %-" + nameWidth + "s  %-20s  %-20s  %10s  %9s%n";
    out().printf(row, "ID", "NAME", "STATUS", "STARTED", "TOKENS", "COST");
    for (AgentSummary a : agents) {
      out().printf(row, a.agentId(), a.name() == null ? "-" : a.name(), a.status(),
          a.startTime() == null ? "-" : Format.time(a.startTime().toEpochMilli()), a.totalTokens(),
          String.format(java.util.Locale.ROOT, "$%.4f", a.costUsd()));
    }
    out().flush();
    return 0;
  }
}
