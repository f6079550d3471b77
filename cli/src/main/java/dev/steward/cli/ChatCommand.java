package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.client.StewardTimeoutException;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code steward chat ID}: a conversation at the terminal. Each line is asked; tool calls show as
 * they happen and approvals are asked inline. Lines can also be piped in.
 */
@Command(name = "chat", description = {
    "Talk with an agent: each line you type is sent and its reply printed.",
    "Tool calls show as they happen; approvals are asked inline. /quit or end of input leaves."})
final class ChatCommand extends AgentCommand {

  static final String QUIT = "/quit";

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
      description = "How long to wait for each reply (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin ApprovalOptions approval;

  @Override
  int run(Agents client) {
    Terminal terminal = root.terminal();
    PrintWriter out = out();
    PrintWriter err = err();
    client.snapshot(agentId); // Fails now, with a clear message, if there is no such agent.
    if (terminal.interactive()) {
      err.println("Chatting with " + agentId + ". " + QUIT + " leaves; the agent keeps running.");
    }
    Approver approver = approval.approverOrLeavePending(terminal, agentId, err);
    while (true) {
      if (terminal.interactive()) {
        err.print("you> ");
        err.flush();
      }
      String line = terminal.readLine();
      if (line == null || line.strip().equals(QUIT)) {
        return 0;
      }
      if (line.isBlank()) {
        continue;
      }
      try {
        TurnOutcome outcome = new TurnWatcher(client, agentId, approver, err).fromNow()
            .watch(() -> client.ask(agentId, UserMessage.of(line), timeout));
        if (json.enabled()) {
          out.println(Json.write(outcome));
        } else if (outcome.completed()) {
          out.println((terminal.interactive() ? "agent> " : "") + outcome.reply().strip());
        } else {
          err.println("(turn " + outcome.turn() + " ended " + outcome.status()
              + (outcome.error() == null ? "" : ": " + outcome.error()) + ")");
        }
        out.flush();
        err.flush();
      } catch (StewardTimeoutException e) {
        err.println("steward: " + e.getMessage());
        err.flush();
      }
    }
  }
}
