package dev.steward.workflows.tools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One tool call to run. What is at its default (no agent id, no options, turn 0) is left out of the
 * history and reads back as that default.
 *
 * @param agentId the agent calling; null in what the workflow schedules (the agent is the workflow
 *     that scheduled the activity, {@link #forAgent}), given in calls scheduled by releases before that
 * @param callId the call's id, unique within one incarnation of the agent
 * @param toolName the tool's Steward name
 * @param arguments the arguments as the model wrote them (JSON text, not yet validated)
 * @param options the tool's options from the agent spec
 * @param incarnation which life of the agent id makes the call: the first run id of its workflow
 *     chain (the same across continue-as-new and reset, new when the id is started again after a
 *     stop); null for calls scheduled before it was recorded
 * @param turn the agent's turn that makes the call, from 1, for the activity's log lines and spans;
 *     0 for calls scheduled before it was sent here (the turn was then in a header)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolInvocation(
    @JsonInclude(JsonInclude.Include.NON_NULL) String agentId,
    String callId,
    String toolName,
    String arguments,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> options,
    @JsonInclude(JsonInclude.Include.NON_NULL) String incarnation,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int turn) {

  public ToolInvocation {
    // Options the history leaves out come back empty, never null.
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A call without a known incarnation; its key is {@code <agent id>/<call id>}. */
  public ToolInvocation(String agentId, String callId, String toolName, String arguments, Map<String, Object> options) {
    this(agentId, callId, toolName, arguments, options, null, 0);
  }

  /** A call without its turn. */
  public ToolInvocation(String agentId, String callId, String toolName, String arguments, Map<String, Object> options,
      String incarnation) {
    this(agentId, callId, toolName, arguments, options, incarnation, 0);
  }

  /**
   * The same call naming {@code workflowId} as its agent when it names none: the activity's
   * workflow id, which is the agent id (a sub-agent's too, it runs as its own workflow).
   */
  public ToolInvocation forAgent(String workflowId) {
    return agentId != null || workflowId == null ? this
        : new ToolInvocation(workflowId, callId, toolName, arguments, options, incarnation, turn);
  }

  /**
   * A key that stays the same across retries of this call, for servers that honour idempotency
   * keys: {@code <agent id>/<incarnation>/<call id>}. The incarnation keeps a reused agent id from
   * repeating the keys of its earlier life, whose call ids start again from the same numbers.
   * The agent id must be known: call it on the invocation {@link #forAgent} gave.
   */
  public String idempotencyKey() {
    return incarnation == null || incarnation.isBlank()
        ? agentId + "/" + callId
        : agentId + "/" + incarnation + "/" + callId;
  }
}
