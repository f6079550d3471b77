package dev.steward.client;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ToolSpec;
import java.util.stream.Collectors;

/**
 * How an agent reads in the Temporal Web UI: the workflow's static summary (one line) and static
 * details (a few Markdown lines). Both are fixed at start; the workflow keeps its current details.
 */
final class AgentPresentation {

  private AgentPresentation() {}

  /** E.g. {@code agent research-assistant · openai/gpt-4.1}. */
  static String summary(AgentSpec spec) {
    return "agent " + spec.name() + " · " + spec.model().label();
  }

  static String details(AgentSpec spec, String tenant) {
    String tools = spec.tools().isEmpty() ? "none"
        : spec.tools().stream().map(ToolSpec::name).collect(Collectors.joining(", "));
    String approval = spec.approval().tools().isEmpty() ? "none"
        : String.join(", ", spec.approval().tools()) + " (answer within " + spec.approval().timeoutSeconds() + " s)";
    Limits l = spec.limits();
    return "**model** " + spec.model().label() + "  \n"
        + "**tools** " + tools + "  \n"
        + "**approval** " + approval + "  \n"
        + "**limits** " + l.maxStepsPerTurn() + " steps per turn"
        + (l.maxTurns() > 0 ? ", " + l.maxTurns() + " turns" : "")
        + (l.maxTotalTokens() > 0 ? ", " + l.maxTotalTokens() + " tokens" : "")
        + (l.maxTurnSeconds() > 0 ? ", " + l.maxTurnSeconds() + " s per turn" : "") + "  \n"
        + "**inbox** " + spec.inbox().wireName() + " · **tenant** " + tenant;
  }
}
