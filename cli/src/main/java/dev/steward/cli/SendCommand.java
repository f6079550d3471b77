package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.UserMessage;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code steward send ID TEXT}: puts a message in the agent's inbox and returns at once. */
@Command(name = "send", description = "Send a message to an agent without waiting for the reply.")
final class SendCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Parameters(index = "1", paramLabel = "TEXT", description = MessageText.HELP)
  String text;

  @Override
  int run(Agents client) {
    client.send(agentId, UserMessage.of(MessageText.resolve(text, root.terminal())));
    if (json.enabled()) {
      print(Map.of("agentId", agentId, "sent", true), "");
    } else {
      err().println("sent to " + agentId + "; read the reply with: steward transcript " + agentId);
      err().flush();
    }
    return 0;
  }
}
