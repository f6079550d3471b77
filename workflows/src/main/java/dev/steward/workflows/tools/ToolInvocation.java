package dev.steward.workflows.tools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One tool call to run.
 *
 * @param agentId the agent calling
 * @param callId the call's id; together with {@code agentId} it is the call's idempotency key
 * @param toolName the tool's Steward name
 * @param arguments the arguments as the model wrote them (JSON text, not yet validated)
 * @param options the tool's options from the agent spec
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolInvocation(
    String agentId, String callId, String toolName, String arguments, Map<String, Object> options) {

  public ToolInvocation {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A key that stays the same across retries of this call, for servers that honour idempotency keys. */
  public String idempotencyKey() {
    return agentId + "/" + callId;
  }
}
