package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward ask ID TEXT}: sends a message and prints the reply when the turn ends. */
@Command(name = "ask", description = {
    "Send a message to an agent and print its reply.",
    "Tool calls show on stderr as they happen. Exit code 0 when the turn completed, 1 otherwise."})
final class AskCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Parameters(index = "1", paramLabel = "TEXT", description = MessageText.HELP)
  String text;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long to wait for the reply (default: ${DEFAULT-VALUE}); the turn goes on after that.")
  Duration timeout;

  @Mixin ApprovalOptions approval;

  @Override
  int run(Agents client) {
    UserMessage message = UserMessage.of(MessageText.resolve(text, root.terminal()));
    Approver approver = approval.approverOrLeavePending(root.terminal(), agentId, err());
    TurnOutcome outcome = new TurnWatcher(client, agentId, approver, err()).fromNow()
        .watch(() -> client.ask(agentId, message, timeout));
    return Outcomes.print(outcome, json.enabled() ? Json.write(outcome) : null, out(), err());
  }
}
