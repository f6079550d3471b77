package dev.steward.workflows.agent;

import dev.steward.workflows.schedule.Cron;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The agent's schedules as a durable timer loop inside the workflow: it works on every Temporal
 * server, the embedded test server included, and its state (paused, counts) lives in the agent.
 * A firing is a message in the inbox, so a busy agent treats it by its inbox policy.
 */
final class Scheduler {

  private final Map<String, ScheduleState> states = new LinkedHashMap<>();
  private final Map<String, ScheduleSpec> specs = new LinkedHashMap<>();
  private final Consumer<ScheduleSpec> fire;
  /** Bumped by every change, so the loop's wait wakes and recomputes. */
  private int version;

  Scheduler(List<ScheduleState> carried, Consumer<ScheduleSpec> fire) {
    this.fire = fire;
    for (ScheduleState s : carried == null ? List.<ScheduleState>of() : carried) {
      states.put(s.name(), s);
    }
  }

  /** Takes the spec's schedules: new ones start, removed ones stop, kept ones keep their state. */
  void adopt(List<ScheduleSpec> schedules) {
    specs.clear();
    Map<String, ScheduleState> kept = new LinkedHashMap<>();
    for (ScheduleSpec s : schedules) {
      specs.put(s.name(), s);
      ScheduleState old = states.get(s.name());
      kept.put(s.name(), old != null ? old : new ScheduleState(s.name(), describe(s), false, 0, 0, 0));
    }
    states.clear();
    states.putAll(kept);
    version++;
  }

  /** Runs for the life of the workflow run, in its own workflow thread. */
  void loop() {
    while (true) {
      int seen = version;
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
          // A schedule that can never fire (e.g. 30 February) is paused, not allowed to end the loop.
          states.put(s.name(), new ScheduleState(s.name(), s.description() + " — paused: " + e.getMessage(), true,
              s.fires(), s.lastFiredMillis(), 0));
          continue;
        }
        states.put(s.name(), withNext(s, at));
        next = Math.min(next, at);
      }
      if (next == Long.MAX_VALUE) {
        Workflow.await(() -> version != seen);
        continue;
      }
      Workflow.await(Duration.ofMillis(Math.max(0, next - now)), () -> version != seen);
      long t = Workflow.currentTimeMillis();
      for (ScheduleState s : new ArrayList<>(states.values())) {
        if (!s.paused() && s.nextFireMillis() > 0 && s.nextFireMillis() <= t) {
          fireNow(s.name());
        }
      }
    }
  }

  void validate(ScheduleAction a) {
    if (a == null || a.name() == null || !states.containsKey(a.name())) {
      throw new IllegalArgumentException("no schedule '" + (a == null ? null : a.name()) + "'; schedules: "
          + String.join(", ", states.keySet()));
    }
    if (a.action() == null || !Set.of("pause", "resume", "trigger", "delete").contains(a.action())) {
      throw new IllegalArgumentException("unknown schedule action '" + a.action() + "'; use pause, resume, trigger or delete");
    }
  }

  ScheduleState apply(ScheduleAction a) {
    ScheduleState s = states.get(a.name());
    switch (a.action()) {
      case "pause" -> states.put(s.name(), new ScheduleState(s.name(), s.description(), true, s.fires(), s.lastFiredMillis(), 0));
      case "resume" -> states.put(s.name(), new ScheduleState(s.name(), s.description(), false, s.fires(), s.lastFiredMillis(), 0));
      case "trigger" -> fireNow(s.name());
      default -> {
        states.remove(s.name());
        specs.remove(s.name());
      }
    }
    version++;
    return states.getOrDefault(a.name(), s);
  }

  List<ScheduleState> states() {
    return new ArrayList<>(states.values());
  }

  private void fireNow(String name) {
    ScheduleState s = states.get(name);
    ScheduleSpec spec = specs.get(name);
    long now = Workflow.currentTimeMillis();
    states.put(name, new ScheduleState(name, s.description(), s.paused(), s.fires() + 1, now, 0));
    fire.accept(spec);
  }

  private static ScheduleState withNext(ScheduleState s, long next) {
    return new ScheduleState(s.name(), s.description(), s.paused(), s.fires(), s.lastFiredMillis(), next);
  }

  /** When the schedule fires next after {@code afterMillis}. */
  static long nextAfter(ScheduleSpec s, long afterMillis) {
    if (s.cron() != null) {
      return Cron.parse(s.cron()).next(Instant.ofEpochMilli(afterMillis), ZoneId.of(s.timezone())).toEpochMilli();
    }
    return afterMillis + SleepDuration.parse(s.every()).toMillis();
  }

  private static String describe(ScheduleSpec s) {
    return s.cron() != null ? "cron " + s.cron() + " " + s.timezone() : "every " + s.every();
  }
}
