package dev.steward.workflows.agent.schedules;

import dev.steward.workflows.agent.EmptyUntilUsed;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.agent.SleepDuration;
import dev.steward.workflows.agent.timers.Timers;
import dev.steward.workflows.schedule.Cron;
import dev.steward.workflows.schedule.ScheduleActivities;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The agent's schedules. Where the server has Temporal Schedules, they fire them (one per schedule,
 * kept in line by {@link ScheduleActivities}) and the agent is told by signal; elsewhere, such as
 * on the embedded test server, a durable timer loop inside the workflow fires them. Either way the
 * state (paused, counts, deleted) lives in the agent, and a firing is a message in the inbox, so a
 * busy agent treats it by its inbox policy.
 */
public final class Scheduler {

  /** Who fires the schedules in this run. */
  public enum Mode {
    /** Not known yet; the timer loop fires them (what every agent did before Temporal Schedules). */
    UNDECIDED,
    /** Temporal Schedules fire them. */
    TEMPORAL,
    /** The server has no Schedules: the timer loop fires them. */
    TIMER
  }

  private static final String PAUSED_BECAUSE = " — paused: ";

  // The three stay shared empty for an agent without schedules (EmptyUntilUsed).
  private Map<String, ScheduleState> states = Collections.emptyMap();
  private Map<String, ScheduleSpec> specs = Collections.emptyMap();
  /** Names a person deleted or a spec update dropped: they stay gone across runs. */
  private Set<String> deleted = Collections.emptySet();
  private final Consumer<ScheduleSpec> fire;
  private Mode mode = Mode.UNDECIDED;
  /** True while the Temporal Schedules are being brought in line; the loop waits for the outcome. */
  private boolean syncing;
  /** Bumped by every change, so the loop's wait wakes and recomputes. */
  private int version;

  public Scheduler(List<ScheduleState> carried, List<String> carriedDeleted, Consumer<ScheduleSpec> fire) {
    this.fire = fire;
    for (ScheduleState s : carried == null ? List.<ScheduleState>of() : carried) {
      states = EmptyUntilUsed.toWrite(states);
      states.put(s.name(), s);
    }
    if (carriedDeleted != null && !carriedDeleted.isEmpty()) {
      deleted = new LinkedHashSet<>(carriedDeleted);
    }
  }

  /** Takes the spec's schedules at the start of a run; a deleted schedule stays deleted. */
  public void adopt(List<ScheduleSpec> schedules) {
    take(schedules.stream().filter(s -> !deleted.contains(s.name())).toList(), () -> false);
  }

  /**
   * Takes an updated spec's schedules: they are the agent's schedules now, so a deleted one it
   * declares comes back and one it no longer declares is deleted.
   *
   * @param restartChanged asked when a kept schedule's timing changed: true to compute its next
   *     firing afresh (false keeps the old time, as agents did before)
   * @return true when the schedules changed
   */
  public boolean adoptUpdate(List<ScheduleSpec> schedules, BooleanSupplier restartChanged) {
    List<ScheduleSpec> before = List.copyOf(specs.values());
    Set<String> declared = new LinkedHashSet<>();
    schedules.forEach(s -> declared.add(s.name()));
    deleted = EmptyUntilUsed.toWrite(deleted);
    specs.keySet().stream().filter(n -> !declared.contains(n)).forEach(deleted::add);
    deleted.removeAll(declared);
    deleted = EmptyUntilUsed.shrunk(deleted);
    take(schedules, restartChanged);
    return !before.equals(List.copyOf(specs.values()));
  }

  private void take(List<ScheduleSpec> schedules, BooleanSupplier restartChanged) {
    Map<String, ScheduleSpec> previous = specs;
    specs = new LinkedHashMap<>();
    Map<String, ScheduleState> kept = new LinkedHashMap<>();
    for (ScheduleSpec s : schedules) {
      specs.put(s.name(), s);
      ScheduleState old = states.get(s.name());
      if (old == null) {
        kept.put(s.name(), new ScheduleState(s.name(), describe(s), false, 0, 0, 0));
      } else if (!sameTiming(previous.get(s.name()), s) && restartChanged.getAsBoolean()) {
        kept.put(s.name(), new ScheduleState(s.name(), describe(s), old.paused(), old.fires(), old.lastFiredMillis(), 0,
            old.temporalScheduleId()));
      } else {
        kept.put(s.name(), old);
      }
    }
    specs = EmptyUntilUsed.shrunk(specs);
    states = EmptyUntilUsed.shrunk(kept);
    version++;
  }

  public boolean isEmpty() {
    return specs.isEmpty();
  }

  public Mode mode() {
    return mode;
  }

  /** Runs for the life of the workflow run, in its own workflow thread. */
  public void loop() {
    while (true) {
      Workflow.await(() -> !syncing);
      int seen = version;
      if (mode == Mode.TEMPORAL) {
        showServerTimes();
        Workflow.await(() -> version != seen);
        continue;
      }
      long now = Workflow.currentTimeMillis();
      long next = Long.MAX_VALUE;
      for (ScheduleState s : new ArrayList<>(states.values())) {
        if (s.paused()) {
          continue;
        }
        long at;
        try {
          at = s.nextFireMillis() > 0 ? s.nextFireMillis() : nextAfter(specs.get(s.name()), Math.max(now, s.lastFiredMillis()));
        } catch (RuntimeException e) {
          pauseBecause(s, e.getMessage());
          continue;
        }
        states.put(s.name(), withNext(s, at));
        next = Math.min(next, at);
      }
      if (next == Long.MAX_VALUE) {
        Workflow.await(() -> version != seen);
        continue;
      }
      Timers.await(Duration.ofMillis(Math.max(0, next - now)), "schedule " + firingAt(next), () -> version != seen);
      long t = Workflow.currentTimeMillis();
      for (ScheduleState s : new ArrayList<>(states.values())) {
        if (!s.paused() && s.nextFireMillis() > 0 && s.nextFireMillis() <= t) {
          fireNow(s.name(), false);
        }
      }
    }
  }

  /** A Temporal Schedule fired. Ignored when the agent's own timer fires its schedules, or the schedule is paused or gone. */
  public boolean firedOnServer(String name) {
    ScheduleState s = name == null ? null : states.get(name);
    if (mode == Mode.TIMER || s == null || s.paused()) {
      return false;
    }
    fireNow(name, false);
    return true;
  }

  public void validate(ScheduleAction a) {
    if (a == null || a.name() == null || !states.containsKey(a.name())) {
      throw new IllegalArgumentException("no schedule '" + (a == null ? null : a.name()) + "'; schedules: "
          + String.join(", ", states.keySet()));
    }
    if (a.action() == null || !Set.of("pause", "resume", "trigger", "delete").contains(a.action())) {
      throw new IllegalArgumentException("unknown schedule action '" + a.action() + "'; use pause, resume, trigger or delete");
    }
  }

  /**
   * @param keepCadence asked on {@code trigger}: true to keep the next regular firing (false
   *     restarts an interval from now, as agents did before)
   */
  public ScheduleState apply(ScheduleAction a, BooleanSupplier keepCadence) {
    ScheduleState s = states.get(a.name());
    switch (a.action()) {
      case "pause" -> states.put(s.name(), paused(s, true, s.description()));
      case "resume" -> states.put(s.name(), paused(s, false, withoutReason(s.description())));
      // A firing by hand leaves the regular ones where they were, as a Temporal Schedule's trigger does.
      case "trigger" -> fireNow(s.name(), keepCadence.getAsBoolean());
      default -> {
        states.remove(s.name());
        specs.remove(s.name());
        states = EmptyUntilUsed.shrunk(states);
        specs = EmptyUntilUsed.shrunk(specs);
        deleted = EmptyUntilUsed.toWrite(deleted);
        deleted.add(s.name());
      }
    }
    version++;
    return states.getOrDefault(a.name(), s);
  }

  public List<ScheduleState> states() {
    return new ArrayList<>(states.values());
  }

  public List<String> deleted() {
    return List.copyOf(deleted);
  }

  // ---- Temporal Schedules --------------------------------------------------------------------

  /** What the Temporal Schedules should look like now; the loop waits until {@link #synced} or {@link #syncFailed}. */
  public ScheduleActivities.SyncRequest syncRequest(String agentId, String tenant, String taskQueue) {
    syncing = true;
    List<ScheduleActivities.Wanted> wanted = specs.values().stream()
        .map(s -> new ScheduleActivities.Wanted(s, states.get(s.name()).paused())).toList();
    return new ScheduleActivities.SyncRequest(agentId, tenant, taskQueue, wanted, List.copyOf(deleted));
  }

  /** When the agent stops: none of its Temporal Schedules should remain. */
  public ScheduleActivities.SyncRequest removeAllRequest(String agentId, String tenant, String taskQueue) {
    Set<String> all = new LinkedHashSet<>(deleted);
    all.addAll(specs.keySet());
    return new ScheduleActivities.SyncRequest(agentId, tenant, taskQueue, List.of(), List.copyOf(all));
  }

  public void synced(ScheduleActivities.SyncResult result, String agentId) {
    syncing = false;
    mode = result.supported() ? Mode.TEMPORAL : Mode.TIMER;
    Map<String, String> rejected = result.rejected() == null ? Map.of() : result.rejected();
    for (ScheduleState s : new ArrayList<>(states.values())) {
      String reason = rejected.get(s.name());
      String id = mode == Mode.TEMPORAL && reason == null ? ScheduleActivities.temporalScheduleId(agentId, s.name()) : null;
      ScheduleState now = new ScheduleState(s.name(), s.description(), s.paused(), s.fires(), s.lastFiredMillis(),
          s.nextFireMillis(), id);
      states.put(s.name(), now);
      if (reason != null) {
        pauseBecause(now, "the server refused it: " + reason);
      }
    }
    version++;
  }

  /** The Temporal Schedules could not be reached; a first decision falls back to the timer loop. */
  public void syncFailed() {
    syncing = false;
    if (mode == Mode.UNDECIDED) {
      mode = Mode.TIMER;
    }
    version++;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void fireNow(String name, boolean keepNext) {
    ScheduleState s = states.get(name);
    ScheduleSpec spec = specs.get(name);
    long now = Workflow.currentTimeMillis();
    states.put(name, new ScheduleState(name, s.description(), s.paused(), s.fires() + 1, now,
        keepNext ? s.nextFireMillis() : 0, s.temporalScheduleId()));
    version++;
    fire.accept(spec);
  }

  /** The schedules due at {@code at}, for the timer's summary in the Web UI. */
  private String firingAt(long at) {
    List<String> names = new ArrayList<>();
    states.values().forEach(s -> {
      if (!s.paused() && s.nextFireMillis() == at) {
        names.add(s.name());
      }
    });
    return String.join(", ", names) + " · next firing";
  }

  /** When a Temporal Schedule fires next, for people to read; the server keeps the real time. */
  private void showServerTimes() {
    long now = Workflow.currentTimeMillis();
    for (ScheduleState s : new ArrayList<>(states.values())) {
      if (s.paused()) {
        continue;
      }
      try {
        ScheduleSpec spec = specs.get(s.name());
        long every = spec.cron() != null ? 0 : SleepDuration.parse(spec.every()).toMillis();
        // Temporal aligns intervals to the epoch: every hour fires on the hour.
        states.put(s.name(), withNext(s, every > 0 ? (now / every + 1) * every : nextAfter(spec, now)));
      } catch (RuntimeException e) {
        pauseBecause(s, e.getMessage());
      }
    }
  }

  /** A schedule that can never fire (e.g. 30 February) is paused, not allowed to end the loop. */
  private void pauseBecause(ScheduleState s, String reason) {
    states.put(s.name(), paused(s, true, withoutReason(s.description()) + PAUSED_BECAUSE + reason));
  }

  private static String withoutReason(String description) {
    int at = description.indexOf(PAUSED_BECAUSE);
    return at < 0 ? description : description.substring(0, at);
  }

  private static ScheduleState paused(ScheduleState s, boolean paused, String description) {
    return new ScheduleState(s.name(), description, paused, s.fires(), s.lastFiredMillis(), 0, s.temporalScheduleId());
  }

  private static ScheduleState withNext(ScheduleState s, long next) {
    return new ScheduleState(s.name(), s.description(), s.paused(), s.fires(), s.lastFiredMillis(), next,
        s.temporalScheduleId());
  }

  private static boolean sameTiming(ScheduleSpec a, ScheduleSpec b) {
    return a != null && Objects.equals(a.cron(), b.cron()) && Objects.equals(a.every(), b.every())
        && Objects.equals(a.timezone(), b.timezone());
  }

  /** When the schedule fires next after {@code afterMillis}. */
  public static long nextAfter(ScheduleSpec s, long afterMillis) {
    if (s.cron() != null) {
      return Cron.parse(s.cron()).next(Instant.ofEpochMilli(afterMillis), ZoneId.of(s.timezone())).toEpochMilli();
    }
    return afterMillis + SleepDuration.parse(s.every()).toMillis();
  }

  private static String describe(ScheduleSpec s) {
    return s.cron() != null ? "cron " + s.cron() + " " + s.timezone() : "every " + s.every();
  }
}
