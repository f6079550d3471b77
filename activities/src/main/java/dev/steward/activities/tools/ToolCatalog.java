package dev.steward.activities.tools;

import dev.steward.activities.tools.http.HttpGetTool;
import dev.steward.activities.tools.time.CurrentTimeTool;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools a worker can describe to a model, by Steward name: built-in definitions, and
 * {@link ToolSource}s for tools declared in the agent file (MCP servers, HTTP tools, OpenAPI
 * imports). Immutable; build a larger one with {@link #with(Collection)} or {@link #withSources(List)}.
 */
public final class ToolCatalog {

  /** {@code sleep} runs inside the workflow, but the model still needs its description and schema. */
  public static final ToolDefinition SLEEP =
      new ToolDefinition(BuiltinTools.SLEEP, BuiltinTools.SLEEP_DESCRIPTION, BuiltinTools.SLEEP_SCHEMA);

  /** The other tools the workflow runs itself: memory and questions to people. */
  public static final List<ToolDefinition> IN_WORKFLOW = List.of(
      new ToolDefinition(BuiltinTools.MEMORY_READ, BuiltinTools.MEMORY_READ_DESCRIPTION, BuiltinTools.MEMORY_READ_SCHEMA),
      new ToolDefinition(BuiltinTools.MEMORY_APPEND, BuiltinTools.MEMORY_APPEND_DESCRIPTION,
          BuiltinTools.MEMORY_APPEND_SCHEMA),
      new ToolDefinition(BuiltinTools.MEMORY_REPLACE, BuiltinTools.MEMORY_REPLACE_DESCRIPTION,
          BuiltinTools.MEMORY_REPLACE_SCHEMA),
      new ToolDefinition(BuiltinTools.ASK_HUMAN, BuiltinTools.ASK_HUMAN_DESCRIPTION, BuiltinTools.ASK_HUMAN_SCHEMA),
      new ToolDefinition(BuiltinTools.SEND_TO_AGENT, BuiltinTools.SEND_TO_AGENT_DESCRIPTION,
          BuiltinTools.SEND_TO_AGENT_SCHEMA),
      new ToolDefinition(BuiltinTools.ASK_AGENT, BuiltinTools.ASK_AGENT_DESCRIPTION, BuiltinTools.ASK_AGENT_SCHEMA),
      new ToolDefinition(BuiltinTools.HANDOFF, BuiltinTools.HANDOFF_DESCRIPTION, BuiltinTools.HANDOFF_SCHEMA));

  /** A tool left out of the model's tools is warned about once in this long: 30 s (each model step asks again). */
  static final Duration WARN_AGAIN_AFTER = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);
  /** When each left-out tool was last warned about (System.nanoTime), for the whole process. */
  private static final Map<String, Long> warned = new ConcurrentHashMap<>();

  private final Map<String, ToolDefinition> byName;
  private final List<ToolSource> sources;

  /** A catalogue of these definitions; a later definition with the same name replaces an earlier one. */
  public ToolCatalog(Collection<ToolDefinition> definitions) {
    this(definitions, List.of());
  }

  /** These definitions, and the tools agent files declare, found through {@code sources}. */
  public ToolCatalog(Collection<ToolDefinition> definitions, List<ToolSource> sources) {
    Map<String, ToolDefinition> map = new LinkedHashMap<>();
    definitions.forEach(d -> map.put(d.name(), d));
    this.byName = Map.copyOf(map);
    this.sources = List.copyOf(sources);
  }

  /**
   * The built-in tools ({@code http_get}, {@code current_time}, {@code sleep}, memory and
   * {@code ask_human}) and the declared tools (MCP, HTTP, OpenAPI) of this process's shared
   * {@link WorkerToolSources}.
   */
  public static ToolCatalog builtins() {
    return builtinsOnly().withSources(WorkerToolSources.shared().sources());
  }

  /** The built-in tools only, without declared tools. */
  public static ToolCatalog builtinsOnly() {
    List<ToolDefinition> all = new ArrayList<>(List.of(HttpGetTool.DEFINITION, CurrentTimeTool.DEFINITION, SLEEP));
    all.addAll(IN_WORKFLOW);
    return new ToolCatalog(all);
  }

  /** This catalogue plus {@code more} (which win on a name clash). */
  public ToolCatalog with(Collection<ToolDefinition> more) {
    List<ToolDefinition> all = new ArrayList<>(byName.values());
    all.addAll(more);
    return new ToolCatalog(all, sources);
  }

  /** This catalogue, finding declared tools through {@code sources} (replacing any it had). */
  public ToolCatalog withSources(List<ToolSource> sources) {
    return new ToolCatalog(byName.values(), sources);
  }

  public Optional<ToolDefinition> find(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /** The names this catalogue knows. */
  public Set<String> names() {
    return byName.keySet();
  }

  /**
   * The definitions of an agent's tools, in the agent's order; a wildcard like {@code fs.*} brings
   * every tool of its server. Unknown names, unreachable servers and repeats are skipped: the
   * workflow or the tool activity tells the model about them when the model calls one.
   */
  public List<ToolDefinition> resolve(List<ToolSpec> tools) {
    if (tools == null) {
      return List.of();
    }
    Set<String> seen = new LinkedHashSet<>();
    List<ToolDefinition> out = new ArrayList<>();
    for (ToolSpec spec : tools) {
      if (spec == null) {
        continue;
      }
      for (ToolDefinition d : definitions(spec)) {
        if (seen.add(d.name())) {
          out.add(d);
        }
      }
    }
    return List.copyOf(out);
  }

  private List<ToolDefinition> definitions(ToolSpec spec) {
    Optional<ToolDefinition> builtin = find(spec.name());
    if (builtin.isPresent()) {
      return List.of(builtin.get());
    }
    if (spec.name().startsWith(BuiltinTools.AGENT_PREFIX)) {
      return List.of(SubAgentTools.definition(spec));
    }
    for (ToolSource source : sources) {
      if (source.handles(spec)) {
        try {
          return source.definitions(spec);
        } catch (ToolException e) {
          leftOut(spec.name(), e.getMessage());
          return List.of();
        }
      }
    }
    return List.of();
  }

  private static void leftOut(String tool, String why) {
    long now = System.nanoTime();
    Long last = warned.get(tool);
    if (last == null || now - last >= WARN_AGAIN_AFTER.toNanos()) {
      warned.put(tool, now);
      log.warn("Tool {} is left out of the model's tools: {}", tool, why);
    } else {
      log.debug("Tool {} is left out of the model's tools: {}", tool, why);
    }
  }
}
