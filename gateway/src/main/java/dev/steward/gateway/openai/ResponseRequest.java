package dev.steward.gateway.openai;

import java.util.List;
import java.util.Map;

/**
 * A {@code POST /v1/responses} request, checked: what Steward does with each of OpenAI's fields.
 *
 * @param model the agent spec's name (an agent file the operator registered); null to keep the agent's
 * @param text the new user message (user message items joined by blank lines); null when the request
 *     only carries approvals or answers
 * @param extraInstructions system or developer message items, added to the instructions of a new agent
 * @param approvals {@code mcp_approval_response} items: decisions on pending tool calls
 * @param answers {@code function_call_output} items: answers to the agent's {@code ask_human} questions
 * @param instructions instructions replacing the spec's for a new agent; null to keep them
 * @param tools the tool names the request lists (each one the spec allows); null when it lists none
 * @param metadata up to 16 key-value pairs, returned with the response
 * @param store false: the agent stops after this turn (its history stays inspectable)
 * @param stream answer with server-sent events
 * @param background answer at once and let the turn run; poll with {@code GET /v1/responses/{id}}
 * @param previousResponseId continue that response's agent
 * @param conversation continue (or start) that conversation's agent
 */
record ResponseRequest(
    String model,
    String text,
    String extraInstructions,
    List<Approval> approvals,
    List<QuestionAnswer> answers,
    String instructions,
    List<String> tools,
    Map<String, String> metadata,
    boolean store,
    boolean stream,
    boolean background,
    String previousResponseId,
    String conversation) {

  /** A decision on a pending tool call ({@code mcp_approval_response}). */
  record Approval(String approvalRequestId, boolean approve, String reason) {}

  /** An answer to a question the agent asked ({@code function_call_output} for an {@code ask_human} call). */
  record QuestionAnswer(String callId, String output) {}

  /** Whether it only carries approvals or answers into a turn that waits for them. */
  boolean resumesTurn() {
    return text == null && (!approvals.isEmpty() || !answers.isEmpty());
  }
}
