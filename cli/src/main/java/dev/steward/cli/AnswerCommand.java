package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.PendingQuestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code steward answer ID QUESTION-ID "text"}: answers the agent's {@code ask_human} question. */
@Command(name = "answer", description = "Answer a question the agent asked (see steward show for waiting questions).")
final class AnswerCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Parameters(index = "1", paramLabel = "QUESTION-ID", description = "The question's id.")
  String questionId;

  @Parameters(index = "2", paramLabel = "TEXT", description = "The answer.")
  String text;

  @Override
  int run(Agents agents) {
    PendingQuestion q = agents.answer(agentId,
        new Answer(questionId, text, "cli:" + System.getProperty("user.name")));
    print(q, "answered " + questionId + ": " + q.question());
    return 0;
  }
}
