package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which tool calls wait for a person's decision.
 *
 * @param tools tool names that need approval; {@code "*"} means every tool, {@code fs.*} every tool of MCP server {@code fs}
 * @param timeoutSeconds how long to wait for a decision before the answer is no; default 86,400 (a day)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalPolicy(List<String> tools, @JsonProperty("timeout_seconds") long timeoutSeconds) {

  public static final long DEFAULT_TIMEOUT_SECONDS = 86_400;
  public static final ApprovalPolicy NONE = new ApprovalPolicy(List.of(), DEFAULT_TIMEOUT_SECONDS);

  public ApprovalPolicy {
    tools = tools == null ? List.of() : List.copyOf(tools);
    timeoutSeconds = timeoutSeconds <= 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  /** True for a listed name, for {@code "*"}, and for a tool a listed {@code server.*} covers. */
  public boolean requiresApproval(String toolName) {
    return tools.contains("*") || tools.contains(toolName) || tools.stream().anyMatch(t -> DeclaredTools.covers(t, toolName));
  }
}
