package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.tools.BuiltinTools;
import java.util.List;

/**
 * What an agent is: its instructions, model, tools and policies. A spec is snapshotted into the
 * workflow when the agent starts and can be replaced later; the new spec applies from the next turn.
 *
 * @param name a short name people recognise; also stored as the {@code StewardAgentName} search attribute
 * @param instructions the system prompt
 * @param model which model answers, and how
 * @param tools the tools the agent may call, by name, with per-tool options
 * @param limits per-turn and lifetime limits
 * @param approval which tools need a person's yes
 * @param inbox what happens to messages that arrive while a turn runs
 * @param fallbacks models to try, in order, when the model fails a step for good
 * @param memory memory blocks and the context budget
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentSpec(
    String name,
    String instructions,
    ModelSpec model,
    List<ToolSpec> tools,
    Limits limits,
    ApprovalPolicy approval,
    InboxPolicy inbox,
    List<ModelSpec> fallbacks,
    MemorySpec memory) {

  public AgentSpec {
    instructions = instructions == null ? "" : instructions;
    tools = tools == null ? List.of() : List.copyOf(tools);
    limits = limits == null ? Limits.DEFAULTS : limits;
    approval = approval == null ? ApprovalPolicy.NONE : approval;
    inbox = inbox == null ? InboxPolicy.QUEUE : inbox;
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    memory = memory == null ? MemorySpec.DEFAULTS : memory;
  }

  public AgentSpec(String name, String instructions, ModelSpec model, List<ToolSpec> tools, Limits limits,
      ApprovalPolicy approval, InboxPolicy inbox, List<ModelSpec> fallbacks) {
    this(name, instructions, model, tools, limits, approval, inbox, fallbacks, null);
  }

  public AgentSpec(String name, String instructions, ModelSpec model, List<ToolSpec> tools, Limits limits,
      ApprovalPolicy approval, InboxPolicy inbox) {
    this(name, instructions, model, tools, limits, approval, inbox, List.of(), null);
  }

  /** The tool spec with this name, or null when the agent does not have that tool. */
  public ToolSpec tool(String toolName) {
    return effectiveTools().stream().filter(t -> t.name().equals(toolName)).findFirst().orElse(null);
  }

  /** The declared tools, plus the memory tools when the agent has memory blocks. */
  public List<ToolSpec> effectiveTools() {
    if (memory.blocks().isEmpty()) {
      return tools;
    }
    List<ToolSpec> all = new java.util.ArrayList<>(tools);
    for (String name : BuiltinTools.MEMORY_TOOLS) {
      if (all.stream().noneMatch(t -> t.name().equals(name))) {
        all.add(ToolSpec.of(name));
      }
    }
    return all;
  }
}
