package dev.steward.gateway;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open {@code Watch} streams, so that shutdown can end them: a watch never finishes on its own
 * while its agent lives, and would otherwise hold the graceful shutdown for its whole grace period.
 */
final class WatchRegistry {

  private final Set<AgentWatch> open = ConcurrentHashMap.newKeySet();

  void add(AgentWatch watch) {
    open.add(watch);
  }

  void remove(AgentWatch watch) {
    open.remove(watch);
  }

  int size() {
    return open.size();
  }

  /** Ends every open watch with UNAVAILABLE; their clients resume elsewhere from their last seq. */
  void shutDownAll() {
    List.copyOf(open).forEach(AgentWatch::shutDown);
  }
}
