package dev.steward.activities.tools.mcp;

import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.WorkerToolSources;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An agent spec with one MCP server, seen the way a worker sees it: the model activity's tool
 * definitions ({@link ToolCatalog#resolve}) and calls through the tool activity.
 */
final class McpAgent implements AutoCloseable {

  private final AgentSpec spec;
  private final WorkerToolSources sources;
  private final ToolActivitiesImpl activities;
  private final AtomicInteger calls = new AtomicInteger();

  McpAgent(McpServerSpec server, List<String> tools, Function<String, String> env) {
    this.spec = new AgentSpec("mcp-test", "", new ModelSpec("scripted", null, null, null, null, null, null, null, null),
        tools.stream().map(ToolSpec::of).toList(), null, null, null, null, null, List.of(server), null, null);
    // The test servers listen on loopback: the worker's operator allows private networks here.
    this.sources = new WorkerToolSources(
        name -> NetworkPolicy.ALLOW_PRIVATE_VARIABLE.equals(name) ? "true" : env.apply(name), List.of());
    this.activities = new ToolActivitiesImpl(sources);
  }

  /** The tool names a model would be shown. */
  List<String> modelToolNames() {
    return definitions().stream().map(ToolDefinition::name).toList();
  }

  List<ToolDefinition> definitions() {
    return ToolCatalog.builtinsOnly().withSources(sources.sources()).resolve(spec.effectiveTools());
  }

  /** Calls a tool the way the workflow does: its options from {@link AgentSpec#tool}. */
  ToolResult call(String tool, String arguments) {
    ToolSpec found = spec.tool(tool);
    Map<String, Object> options = found == null ? Map.of() : found.options();
    return activities.invoke(new ToolInvocation("agent-1", "call-" + calls.incrementAndGet(), tool, arguments, options));
  }

  @Override
  public void close() {
    sources.close();
  }
}
