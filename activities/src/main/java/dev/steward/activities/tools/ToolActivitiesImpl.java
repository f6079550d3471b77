package dev.steward.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.context.CallingAgent;
import dev.steward.activities.secrets.Redactor;
import dev.steward.activities.tools.http.HttpGetTool;
import dev.steward.activities.tools.time.CurrentTimeTool;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ModelToolNames;
import io.temporal.client.ActivityCompletionException;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tool calls: finds the tool (built in, or declared in the agent file and found through a
 * {@link ToolSource}), validates the arguments against its schema, runs it. Every
 * expected problem (unknown tool, bad arguments, a refused host, a network error) comes back as an
 * error {@link ToolResult} for the model to read; only a fault of the worker itself (an
 * {@link java.lang.Error}, an interrupt) is thrown, so Temporal retries the call.
 *
 * <p>Every result passes the worker's {@link Redactor} on its way out: whatever a tool or a server
 * echoed, no credential value the worker read reaches the history or the model.
 */
public class ToolActivitiesImpl implements ToolActivities {

  private static final Logger log = LoggerFactory.getLogger(ToolActivitiesImpl.class);

  private final Map<String, Tool> tools;
  private final List<ToolSource> sources;
  private final ArgumentValidator validator;
  private final Redactor redactor = Redactor.worker();

  /**
   * The built-in tools ({@code http_get} and {@code current_time}) and the tools agent files declare
   * (MCP, HTTP, OpenAPI), through this process's shared {@link WorkerToolSources}.
   */
  public ToolActivitiesImpl() {
    this(WorkerToolSources.shared());
  }

  /** The built-in tools and the declared tools of {@code sources}, which the caller closes. */
  public ToolActivitiesImpl(WorkerToolSources sources) {
    this(List.of(new HttpGetTool(), new CurrentTimeTool()), sources.sources());
  }

  /** These tools; a later tool with the same name replaces an earlier one. */
  public ToolActivitiesImpl(List<Tool> tools) {
    this(tools, List.of());
  }

  /** These tools, and declared tools found through {@code sources}. */
  public ToolActivitiesImpl(List<Tool> tools, List<ToolSource> sources) {
    Map<String, Tool> map = new LinkedHashMap<>();
    tools.forEach(t -> map.put(t.definition().name(), t));
    this.tools = Map.copyOf(map);
    this.sources = List.copyOf(sources);
    this.validator = new ArgumentValidator(new ObjectMapper());
  }

  @Override
  public ToolResult invoke(ToolInvocation invocation) {
    HeartbeatKeeper beats = HeartbeatKeeper.start();
    try {
      ToolResult result = run(invocation);
      String content = redactor.redact(result.content());
      return content == null || content.equals(result.content()) ? result : new ToolResult(content, result.error());
    } finally {
      beats.close(); // After a cancellation this throws it, whatever the interrupted tool did.
    }
  }

  private ToolResult run(ToolInvocation call) {
    // Tools build idempotency keys from the agent id: the activity's workflow when the call names none.
    ToolInvocation invocation = CallingAgent.named(call);
    Tool tool = tools.get(invocation.toolName());
    ToolSpec spec = new ToolSpec(invocation.toolName(), invocation.options());
    ToolSource source = tool != null ? null : sources.stream().filter(s -> s.handles(spec)).findFirst().orElse(null);
    if (tool == null && source == null) {
      return ToolResult.error(unknownTool(invocation.toolName()));
    }
    try {
      if (tool == null) {
        tool = source.tool(spec);
      }
      JsonNode arguments = validator.parse(tool.definition(), invocation.arguments());
      return tool.run(arguments, invocation);
    } catch (ToolException e) {
      return ToolResult.error(e.getMessage());
    } catch (ActivityCompletionException e) {
      // Cancelled or timed out while heartbeating: Temporal must see it, not the model.
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + invocation.toolName(), e);
    } catch (RuntimeException e) {
      // A tool's own bug should not kill the agent's turn: the model hears about it and moves on.
      log.warn("Tool {} failed unexpectedly for agent {} call {}", invocation.toolName(), invocation.agentId(),
          invocation.callId(), redactor.scrub(e));
      return ToolResult.error(invocation.toolName() + " failed: " + e);
    }
  }

  private String unknownTool(String name) {
    if (BuiltinTools.SLEEP.equals(name)) {
      return "sleep runs inside the agent's workflow, not as a tool activity";
    }
    // Named as the model knows them: it reads this as the call's result.
    return "unknown tool '" + ModelToolNames.of(name) + "'; this worker runs: "
        + String.join(", ", ModelToolNames.describe(tools.keySet()));
  }
}
