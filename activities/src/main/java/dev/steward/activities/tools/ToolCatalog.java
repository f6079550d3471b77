package dev.steward.activities.tools;

import dev.steward.activities.tools.http.HttpGetTool;
import dev.steward.activities.tools.time.CurrentTimeTool;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools a worker can describe to a model, by Steward name. Immutable; build a larger one with
 * {@link #with(Collection)}.
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
      new ToolDefinition(BuiltinTools.ASK_HUMAN, BuiltinTools.ASK_HUMAN_DESCRIPTION, BuiltinTools.ASK_HUMAN_SCHEMA));

  private final Map<String, ToolDefinition> byName;

  /** A catalogue of these definitions; a later definition with the same name replaces an earlier one. */
  public ToolCatalog(Collection<ToolDefinition> definitions) {
    Map<String, ToolDefinition> map = new LinkedHashMap<>();
    definitions.forEach(d -> map.put(d.name(), d));
    this.byName = Map.copyOf(map);
  }

  /** The built-in tools: {@code http_get}, {@code current_time}, {@code sleep}, memory and {@code ask_human}. */
  public static ToolCatalog builtins() {
    List<ToolDefinition> all = new ArrayList<>(List.of(HttpGetTool.DEFINITION, CurrentTimeTool.DEFINITION, SLEEP));
    all.addAll(IN_WORKFLOW);
    return new ToolCatalog(all);
  }

  /** This catalogue plus {@code more} (which win on a name clash). */
  public ToolCatalog with(Collection<ToolDefinition> more) {
    List<ToolDefinition> all = new ArrayList<>(byName.values());
    all.addAll(more);
    return new ToolCatalog(all);
  }

  public Optional<ToolDefinition> find(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /** The names this catalogue knows. */
  public Set<String> names() {
    return byName.keySet();
  }

  /**
   * The definitions of an agent's tools, in the agent's order. Unknown names and repeats are
   * skipped: the workflow tells the model about an unknown tool itself when the model calls it.
   */
  public List<ToolDefinition> resolve(List<ToolSpec> tools) {
    if (tools == null) {
      return List.of();
    }
    Set<String> seen = new LinkedHashSet<>();
    List<ToolDefinition> out = new ArrayList<>();
    for (ToolSpec spec : tools) {
      if (spec != null && seen.add(spec.name())) {
        find(spec.name()).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }
}
