package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A question the agent asked a person ({@code ask_human}), or the record of its answer.
 *
 * @param questionId the question's id (the tool call's id); people answer by it
 * @param question the question
 * @param turn the turn it belongs to
 * @param deadlineMillis when the default answer is taken, epoch milliseconds; 0 to wait for ever
 * @param defaultAnswer the answer taken at the deadline, or null
 * @param answer the answer once given, else null
 * @param answeredBy who answered ({@code timeout} for the default answer), else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingQuestion(String questionId, String question, int turn, long deadlineMillis, String defaultAnswer,
    String answer, String answeredBy) {

  public PendingQuestion answered(String text, String by) {
    return new PendingQuestion(questionId, question, turn, deadlineMillis, defaultAnswer, text, by);
  }
}
