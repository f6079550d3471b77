package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * @param mcpServers MCP servers whose tools the agent may list under {@code tools} as {@code server.tool}
 *     or {@code server.*}
 * @param httpTools tools that are one HTTP request each, listed under {@code tools} by name
 * @param openapi tools imported from OpenAPI documents, listed as {@code prefix.operationId} or {@code prefix.*}
 * @param schedules messages the agent sends itself on a schedule (cron or interval)
 * @param fallbackAfter how long a failing model is retried before its next fallback; default 3 attempts or 20 s
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
    MemorySpec memory,
    @JsonProperty("mcp_servers") List<McpServerSpec> mcpServers,
    @JsonProperty("http_tools") List<HttpToolSpec> httpTools,
    List<OpenApiSpec> openapi,
    List<ScheduleSpec> schedules,
    @JsonProperty("fallback_after") FallbackPolicy fallbackAfter) {

  public AgentSpec {
    instructions = instructions == null ? "" : instructions;
    tools = tools == null ? List.of() : List.copyOf(tools);
    limits = limits == null ? Limits.DEFAULTS : limits;
    approval = approval == null ? ApprovalPolicy.NONE : approval;
    inbox = inbox == null ? InboxPolicy.QUEUE : inbox;
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    memory = memory == null ? MemorySpec.DEFAULTS : memory;
    mcpServers = mcpServers == null ? List.of() : List.copyOf(mcpServers);
    httpTools = httpTools == null ? List.of() : List.copyOf(httpTools);
    openapi = openapi == null ? List.of() : List.copyOf(openapi);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    fallbackAfter = fallbackAfter == null ? FallbackPolicy.DEFAULTS : fallbackAfter;
  }

  public AgentSpec(String name, String instructions, ModelSpec model, List<ToolSpec> tools, Limits limits,
      ApprovalPolicy approval, InboxPolicy inbox, List<ModelSpec> fallbacks, MemorySpec memory,
      List<McpServerSpec> mcpServers, List<HttpToolSpec> httpTools, List<OpenApiSpec> openapi,
      List<ScheduleSpec> schedules) {
    this(name, instructions, model, tools, limits, approval, inbox, fallbacks, memory, mcpServers, httpTools, openapi,
        schedules, null);
  }

  public AgentSpec(String name, String instructions, ModelSpec model, List<ToolSpec> tools, Limits limits,
      ApprovalPolicy approval, InboxPolicy inbox, List<ModelSpec> fallbacks, MemorySpec memory,
      List<McpServerSpec> mcpServers, List<HttpToolSpec> httpTools, List<OpenApiSpec> openapi) {
    this(name, instructions, model, tools, limits, approval, inbox, fallbacks, memory, mcpServers, httpTools, openapi,
        null);
  }

  public AgentSpec(String name, String instructions, ModelSpec model, List<ToolSpec> tools, Limits limits,
      ApprovalPolicy approval, InboxPolicy inbox, List<ModelSpec> fallbacks, MemorySpec memory) {
    this(name, instructions, model, tools, limits, approval, inbox, fallbacks, memory, null, null, null);
  }

  public AgentSpec(String name, String instructions, ModelSpec model, List<ToolSpec> tools, Limits limits,
      ApprovalPolicy approval, InboxPolicy inbox, List<ModelSpec> fallbacks) {
    this(name, instructions, model, tools, limits, approval, inbox, fallbacks, null, null, null, null);
  }

  public AgentSpec(String name, String instructions, ModelSpec model, List<ToolSpec> tools, Limits limits,
      ApprovalPolicy approval, InboxPolicy inbox) {
    this(name, instructions, model, tools, limits, approval, inbox, List.of(), null, null, null, null);
  }

  /** This spec with other tools. */
  public AgentSpec withTools(List<ToolSpec> newTools) {
    return new AgentSpec(name, instructions, model, newTools, limits, approval, inbox, fallbacks, memory, mcpServers,
        httpTools, openapi, schedules, fallbackAfter);
  }

  /** This spec with other limits. */
  public AgentSpec withLimits(Limits newLimits) {
    return new AgentSpec(name, instructions, model, tools, newLimits, approval, inbox, fallbacks, memory, mcpServers,
        httpTools, openapi, schedules, fallbackAfter);
  }

  /**
   * The tool spec with this name, or null when the agent does not have that tool. A name covered by
   * a wildcard ({@code fs.read_file} by {@code fs.*}) gets the wildcard's options under its own name.
   */
  public ToolSpec tool(String toolName) {
    List<ToolSpec> effective = effectiveTools();
    ToolSpec exact = effective.stream().filter(t -> t.name().equals(toolName)).findFirst().orElse(null);
    if (exact != null) {
      return exact;
    }
    return effective.stream().filter(t -> DeclaredTools.covers(t.name(), toolName)).findFirst()
        .map(t -> new ToolSpec(toolName, t.options())).orElse(null);
  }

  /**
   * The declared tools (with their MCP server, HTTP request or OpenAPI import attached), plus the memory tools when the agent has memory blocks and {@code handoff}
   * when it has other agents as tools.
   */
  public List<ToolSpec> effectiveTools() {
    // Each MCP, HTTP or OpenAPI tool carries its declaration in its options (see DeclaredTools).
    List<ToolSpec> all = new java.util.ArrayList<>(
        tools.stream().map(t -> DeclaredTools.attach(t, mcpServers, httpTools, openapi)).toList());
    if (!memory.blocks().isEmpty()) {
      BuiltinTools.MEMORY_TOOLS.forEach(name -> addIfMissing(all, name));
    }
    if (tools.stream().anyMatch(t -> t.name().startsWith(BuiltinTools.AGENT_PREFIX))) {
      addIfMissing(all, BuiltinTools.HANDOFF);
    }
    return all;
  }

  private static void addIfMissing(List<ToolSpec> tools, String name) {
    if (tools.stream().noneMatch(t -> t.name().equals(name))) {
      tools.add(ToolSpec.of(name));
    }
  }
}
