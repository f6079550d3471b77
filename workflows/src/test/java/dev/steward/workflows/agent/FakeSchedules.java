package dev.steward.workflows.agent;

import dev.steward.workflows.schedule.ScheduleActivities;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The schedule activity for workflow tests. By default it answers as the embedded test server
 * does (no Schedules); {@link #withServerSchedules()} makes it a server that keeps them, in memory.
 */
final class FakeSchedules implements ScheduleActivities {

  /** Temporal Schedule id → paused. */
  final Map<String, Boolean> server = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();
  /** Names of schedules this server refuses, as a real one refuses a spec it cannot take. */
  final java.util.Set<String> refused = ConcurrentHashMap.newKeySet();
  private final boolean supported;

  private FakeSchedules(boolean supported) {
    this.supported = supported;
  }

  static FakeSchedules withoutServerSchedules() {
    return new FakeSchedules(false);
  }

  static FakeSchedules withServerSchedules() {
    return new FakeSchedules(true);
  }

  @Override
  public SyncResult sync(SyncRequest request) {
    calls.incrementAndGet();
    if (!supported) {
      return SyncResult.UNSUPPORTED;
    }
    request.removed().forEach(name -> server.remove(ScheduleActivities.temporalScheduleId(request.agentId(), name)));
    Map<String, String> rejected = new java.util.HashMap<>();
    request.wanted().forEach(w -> {
      if (refused.contains(w.spec().name())) {
        rejected.put(w.spec().name(), "invalid schedule spec");
      } else {
        server.put(ScheduleActivities.temporalScheduleId(request.agentId(), w.spec().name()), w.paused());
      }
    });
    return new SyncResult(true, rejected);
  }
}
