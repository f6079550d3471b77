package dev.steward.workflows.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Maps and sets of the agent's rooms that stay the JDK's shared empty map or set until something is
 * put in them, and go back to it once emptied. Most cached agents never hold a pending approval,
 * question, reply or schedule, and every empty {@code LinkedHashMap} they kept cost each of them 56
 * bytes (and its table, once used).
 *
 * <p>The shared ones are {@link Collections#emptyMap()} and {@link Collections#emptySet()}: they read
 * as empty (null keys included) and take a {@code remove} or {@code clear}, but refuse a {@code put}
 * or {@code add}, so a field holding one is grown only through {@link #toWrite}.
 */
public final class EmptyUntilUsed {

  private EmptyUntilUsed() {}

  /** {@code map} itself, or a new modifiable map (keeping insertion order) when it is empty. */
  public static <K, V> Map<K, V> toWrite(Map<K, V> map) {
    return map.isEmpty() ? new LinkedHashMap<>() : map;
  }

  /** {@code set} itself, or a new modifiable set (keeping insertion order) when it is empty. */
  public static <T> Set<T> toWrite(Set<T> set) {
    return set.isEmpty() ? new LinkedHashSet<>() : set;
  }

  /** {@code map}, or the shared empty map once it is empty: an emptied map would keep its table. */
  public static <K, V> Map<K, V> shrunk(Map<K, V> map) {
    return map.isEmpty() ? Collections.emptyMap() : map;
  }

  /** {@code set}, or the shared empty set once it is empty. */
  public static <T> Set<T> shrunk(Set<T> set) {
    return set.isEmpty() ? Collections.emptySet() : set;
  }
}
