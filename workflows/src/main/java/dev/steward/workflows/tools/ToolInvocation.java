package dev.steward.workflows.tools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One tool call to run.
 *
 * @param agentId the agent calling
 * @param callId the call's id, unique within one incarnation of the agent
 * @param toolName the tool's Steward name
 * @param arguments the arguments as the model wrote them (JSON text, not yet validated)
 * @param options the tool's options from the agent spec
 * @param incarnation which life of the agent id makes the call: the first run id of its workflow
 *     chain (the same across continue-as-new and reset, new when the id is started again after a
 *     stop); null for calls scheduled before it was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolInvocation(
    String agentId, String callId, String toolName, String arguments, Map<String, Object> options,
    String incarnation) {

  public ToolInvocation {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A call without a known incarnation; its key is {@code <agent id>/<call id>}. */
  public ToolInvocation(String agentId, String callId, String toolName, String arguments, Map<String, Object> options) {
    this(agentId, callId, toolName, arguments, options, null);
  }

  /**
   * A key that stays the same across retries of this call, for servers that honour idempotency
   * keys: {@code <agent id>/<incarnation>/<call id>}. The incarnation keeps a reused agent id from
   * repeating the keys of its earlier life, whose call ids start again from the same numbers.
   */
  public String idempotencyKey() {
    return incarnation == null || incarnation.isBlank()
        ? agentId + "/" + callId
        : agentId + "/" + incarnation + "/" + callId;
  }
}
