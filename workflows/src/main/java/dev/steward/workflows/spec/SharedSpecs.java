package dev.steward.workflows.spec;

import com.fasterxml.jackson.databind.util.StdConverter;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hands out one object per distinct spec content, so that the specs a worker holds are shared: the
 * SDK decodes a workflow's input twice (once for the {@code @WorkflowInit} constructor, once for the
 * workflow method, whose parked frame keeps its copy for as long as the agent is cached), and agents
 * started from the same file carry equal specs. Used by Jackson when it reads {@link
 * dev.steward.workflows.agent.AgentInput#spec()}.
 *
 * <p>Safe for replay: a spec is a value (records over copied lists and maps; the JSON values nested in
 * tool options, parameters and scripted arguments are never modified), nothing decides on its
 * identity, and what is returned is equal to what was read. Specs no agent holds any more are dropped
 * (weak keys and values).
 */
public final class SharedSpecs extends StdConverter<AgentSpec, AgentSpec> {

  /** Canonical spec by content; the value points weakly at the key so that the key can go. */
  private static final Map<AgentSpec, WeakReference<AgentSpec>> SPECS = new WeakHashMap<>();

  @Override
  public AgentSpec convert(AgentSpec spec) {
    return share(spec);
  }

  /** The spec already in memory that equals this one, or this one, which is then remembered. */
  public static AgentSpec share(AgentSpec spec) {
    if (spec == null) {
      return null;
    }
    synchronized (SPECS) {
      WeakReference<AgentSpec> known = SPECS.get(spec);
      AgentSpec shared = known == null ? null : known.get();
      if (shared != null) {
        return shared;
      }
      SPECS.put(spec, new WeakReference<>(spec));
      return spec;
    }
  }
}
