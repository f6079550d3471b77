package dev.steward.workflows.agent.conversation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentResult;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.agent.timers.Cancellable;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ModelToolNames;
import dev.steward.workflows.tools.ToolArguments;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;

/**
 * Other agents as tools. An {@code agent:<name>} call runs that agent as a child workflow for one
 * task, with its own spec, limits and transcript, inside what is left of the parent's budget; its
 * usage counts against the parent. Stopping the parent cancels its children.
 */
public final class SubAgents {

  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SubAgents() {}

  /** The spec an {@code agent:<name>} tool carries in its {@code spec} option (the loader puts it there). */
  public static AgentSpec specOf(ToolSpec tool) {
    Object spec = tool.options().get("spec");
    if (spec == null) {
      throw new IllegalArgumentException("tool " + tool.name() + " has no agent spec; name it in the agent file's tools");
    }
    AgentSpec agent = JSON.convertValue(spec, AgentSpec.class);
    if (agent.name() == null || agent.name().isBlank() || agent.model() == null || agent.model().provider() == null) {
      // A child without a model could never take a turn; say so here rather than wedge it.
      throw new IllegalArgumentException("tool " + tool.name() + " has an agent spec without a name or a model");
    }
    return agent;
  }

  /**
   * @param siblings how many sub-agents this step starts in parallel; each gets an equal share of
   *     what is left of the parent's budget
   */
  public static ToolResult call(ConversationContext parent, ToolCall call, ToolSpec tool, int siblings, long deadlineMillis) {
    String task;
    AgentSpec childSpec;
    try {
      JsonNode args = ToolArguments.parse(call.arguments());
      task = args.path("task").asText("");
      childSpec = withinBudget(specOf(tool), parent, siblings);
    } catch (Exception e) {
      return ToolResult.error("invalid call of " + ModelToolNames.of(call.name()) + ": " + e.getMessage());
    }
    if (task.isBlank()) {
      return ToolResult.error("invalid arguments for " + ModelToolNames.of(call.name()) + ": $.task is required");
    }
    String childId = parent.agentId() + "/" + tool.name().substring(BuiltinTools.AGENT_PREFIX.length()) + "/" + call.id();
    AgentWorkflow child = Workflow.newChildWorkflowStub(AgentWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(childId)
        .setTaskQueue(Workflow.getInfo().getTaskQueue())
        // The child ends with the parent: a stopped or terminated parent leaves no orphans working.
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
        .setStaticSummary("sub-agent " + childSpec.name() + " of " + parent.agentId())
        .setTypedSearchAttributes(searchAttributes(childSpec.name(), parent.tenant()))
        .setMemo(java.util.Map.of("name", childSpec.name(), "tenant", parent.tenant()))
        .build());
    AgentInput input = new AgentInput(childSpec, parent.tenant(), 0, null,
        new UserMessage("task-" + call.id(), task, "agent:" + parent.spec().name()));
    Supplier<String> why = () -> parent.stopRequested() ? "this agent is stopping" : "the turn's time limit was reached";
    Promise<AgentResult> result = Cancellable.await(() -> Async.function(child::run, input), deadlineMillis,
        "turn time limit · sub-agent " + childSpec.name() + " · turn " + parent.turn(), parent::stopRequested, why);
    if (!result.isCompleted()) {
      return ToolResult.error("sub-agent " + childSpec.name() + " cancelled: " + why.get());
    }
    try {
      AgentResult done = result.get();
      parent.addUsage(done.usage());
      TurnOutcome outcome = done.lastOutcome();
      if (outcome == null || !outcome.completed()) {
        return ToolResult.error("sub-agent " + childSpec.name() + " did not finish: "
            + (outcome == null ? "no turn ran" : outcome.status() + " — " + outcome.error()));
      }
      return ToolResult.ok(outcome.reply());
    } catch (ChildWorkflowFailure e) {
      return ToolResult.error("sub-agent " + childSpec.name() + " failed: "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    }
  }

  /**
   * The child is listed like any agent (name, tenant, status, usage) when the parent carries
   * Steward's search attributes, i.e. when the server has them registered.
   */
  private static SearchAttributes searchAttributes(String name, String tenant) {
    if (!Workflow.getTypedSearchAttributes().containsKey(SearchAttributeNames.AGENT_NAME)) {
      return SearchAttributes.EMPTY;
    }
    return SearchAttributes.newBuilder()
        .set(SearchAttributeNames.AGENT_NAME, name)
        .set(SearchAttributeNames.TENANT, tenant)
        .set(SearchAttributeNames.STATUS, AgentStatus.IDLE.name())
        .set(SearchAttributeNames.COST_USD, 0.0)
        .set(SearchAttributeNames.TOTAL_TOKENS, 0L)
        .build();
  }

  /** The child's limits, tightened to what is left of the parent's token and cost budgets. */
  private static AgentSpec withinBudget(AgentSpec child, ConversationContext parent, int siblings) {
    Limits p = parent.spec().limits();
    Usage used = parent.usage();
    Limits c = child.limits();
    long tokens = c.maxTotalTokens();
    if (p.maxTotalTokens() > 0) {
      long left = Math.max(1, (p.maxTotalTokens() - used.tokens().totalTokens()) / siblings);
      tokens = tokens > 0 ? Math.min(tokens, left) : left;
    }
    double cost = c.maxCostUsd();
    if (p.maxCostUsd() > 0) {
      double left = Math.max(0.000001, (p.maxCostUsd() - used.costUsd()) / siblings);
      cost = cost > 0 ? Math.min(cost, left) : left;
    }
    Limits limits = new Limits(c.maxStepsPerTurn(), c.maxTurns(), tokens, c.maxTurnSeconds(), cost);
    return child.withLimits(limits);
  }

  /** Hands the conversation to a sub-agent: from the next step on, it answers with its own spec. */
  public static ToolResult handoff(ConversationContext agent, ToolCall call) {
    try {
      JsonNode args = ToolArguments.parse(call.arguments());
      String name = args.path("agent").asText("");
      ToolSpec tool = agent.spec().tool(BuiltinTools.AGENT_PREFIX + name);
      if (tool == null) {
        return ToolResult.error("no agent '" + name + "' to hand over to; this agent can hand over to: "
            + String.join(", ", agent.spec().tools().stream().map(ToolSpec::name)
                .filter(n -> n.startsWith(BuiltinTools.AGENT_PREFIX))
                .map(n -> n.substring(BuiltinTools.AGENT_PREFIX.length())).toList()));
      }
      AgentSpec next = specOf(tool);
      agent.handOver(next, args.path("note").asText(""));
      return ToolResult.ok("{\"handed_over_to\":\"" + next.name() + "\"}");
    } catch (Exception e) {
      return ToolResult.error("invalid arguments for handoff: " + e.getMessage());
    }
  }
}
