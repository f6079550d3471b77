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
    request.wanted().forEach(w -> server.put(ScheduleActivities.temporalScheduleId(request.agentId(), w.spec().name()),
        w.paused()));
    return new SyncResult(true, Map.of());
  }
}
