package dev.steward.cli;

import dev.steward.client.Agents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code steward watch ID}: follows an agent live — turns, tool calls, approvals, errors — and shows
 * the model's reply as it streams, until the agent ends or Ctrl-C. Decides nothing.
 */
@Command(name = "watch", description = "Follow an agent live: events as they happen and the model's reply as it streams.")
final class WatchCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Option(names = "--from", paramLabel = "SEQ", defaultValue = "-1",
      description = "Start after event SEQ (0: every event the agent keeps; default: from now).")
  long from;

  @Override
  int run(Agents agents) throws InterruptedException {
    TurnWatcher watcher = new TurnWatcher(agents, agentId, Approver.leavePending(agentId, err()), err()).showingEveryEvent();
    if (from < 0) {
      watcher.fromNow();
    } else {
      watcher.from(from);
    }
    err().println("watching " + agentId + " (Ctrl-C to stop)");
    err().flush();
    while (!watcher.poll()) {
      Thread.sleep(TurnWatcher.POLL_INTERVAL.toMillis());
    }
    err().println("agent " + agentId + " has ended");
    err().flush();
    return 0;
  }
}
