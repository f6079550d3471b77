package dev.steward.activities.model;

import dev.steward.workflows.tools.ModelToolNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The table between Steward tool names and the names one request shows the model
 * ({@link ModelToolNames}: a pure function of the name), and back: a wire name maps back through
 * the names in that request.
 */
public final class WireToolNames {

  private final Map<String, String> toWire = new HashMap<>();
  private final Map<String, String> toSteward = new HashMap<>();

  private WireToolNames(Collection<String> stewardNames) {
    for (String name : stewardNames) {
      if (name != null) {
        String wire = wireName(name);
        toWire.put(name, wire);
        toSteward.putIfAbsent(wire, name);
      }
    }
  }

  /** The table for the tool names that appear in one request. */
  public static WireToolNames of(Collection<String> stewardNames) {
    return new WireToolNames(stewardNames);
  }

  /** The wire form of one name. */
  public static String wireName(String stewardName) {
    return ModelToolNames.of(stewardName);
  }

  public String toWire(String stewardName) {
    String known = toWire.get(stewardName);
    return known != null ? known : wireName(stewardName);
  }

  /** The Steward name for a wire name; a name the table does not know comes back as it is. */
  public String toSteward(String wireName) {
    return toSteward.getOrDefault(wireName, wireName);
  }
}
