package dev.steward.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scenarios of issue 15, each run for one side in one round. Steward's agent and the plain
 * workflow do the same shape of work; every figure of one round lands in {@link Results}.
 */
final class Scenarios {

  static final Results.Metric TURN = new Results.Metric("one turn (model → tool → model), p50", "ms");
  static final Results.Metric FIRST_P50 = new Results.Metric("start → first reply, p50", "ms");
  static final Results.Metric FIRST_P99 = new Results.Metric("start → first reply, p99", "ms");
  static final Results.Metric THROUGHPUT = new Results.Metric("turns per second, concurrent agents", "turns/s");
  static final Results.Metric HISTORY = new Results.Metric("history bytes per turn", "bytes");
  static final Results.Metric HEAP = new Results.Metric("heap per cached idle agent", "KB");
  static final Results.Metric WAKE = new Results.Metric("wake-up of an evicted agent (one turn after eviction)", "ms");
  static final List<Results.Metric> ALL = List.of(TURN, FIRST_P50, FIRST_P99, THROUGHPUT, HISTORY, HEAP, WAKE);

  private final Rig rig;
  private final Subjects subjects;
  private final Sizes sizes;
  private final TimeLockProbe probe;
  private final Map<Side, String> oldAgents = new HashMap<>();

  Scenarios(Rig rig, Sizes sizes) {
    this(rig, sizes, null);
  }

  /** With {@code probe} (in-process only, may be null), the test server's clock is sampled too. */
  Scenarios(Rig rig, Sizes sizes, TimeLockProbe probe) {
    this.rig = rig;
    this.subjects = new Subjects(rig);
    this.sizes = sizes;
    this.probe = probe;
  }

  /**
   * Untimed turns and starts, so that a round's fresh server and workers (and, over TCP, the
   * server's fresh JVM) are warm before the first timed row.
   */
  void warmUp(Side side) {
    String id = subjects.start(side);
    for (int i = 0; i < Math.max(2, sizes.turns() / 2); i++) {
      subjects.turn(side, id);
    }
    subjects.stop(side, id);
    for (int i = 0; i < Math.max(2, sizes.starts() / 3); i++) {
      subjects.stop(side, subjects.startAndStep(side));
    }
  }

  /**
   * Timed turns on one warm agent; from the same turns, the history bytes a turn adds and the
   * server calls a turn makes, by method, on the worker's and on the client's stubs.
   */
  void turns(Side side, Results results) {
    String id = subjects.start(side);
    subjects.turn(side, id); // warm: the first turn also carries the start's workflow task
    long bytesBefore = subjects.historyBytes(id);
    Map<String, Long> workerBefore = rig.workerCalls.snapshot();
    Map<String, Long> clientBefore = rig.clientCalls.snapshot();
    TimeLockProbe.Sample clockBefore = probe == null ? null : probe.sample();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < sizes.turns(); i++) {
      long start = System.nanoTime();
      subjects.turn(side, id);
      millis.add(Stats.millisSince(start));
    }
    Map<String, Long> workerDelta = CallCounter.difference(workerBefore, rig.workerCalls.snapshot());
    Map<String, Long> clientDelta = CallCounter.difference(clientBefore, rig.clientCalls.snapshot());
    if (probe != null) {
      results.testServer.put(side, clockPerTurn(clockBefore, probe.sample()));
    }
    results.add(HISTORY, side, (double) (subjects.historyBytes(id) - bytesBefore) / sizes.turns());
    results.workerCallsPerTurn.put(side, perTurn(workerDelta));
    results.clientCallsPerTurn.put(side, perTurn(clientDelta));
    results.add(TURN, side, Stats.median(millis));
    subjects.stop(side, id);
  }

  /** Fresh agents, one after another: start and one ask answered in one step (Steward: in one call). */
  void firstReply(Side side, Results results) {
    List<Double> millis = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sizes.starts(); i++) {
      long start = System.nanoTime();
      String id = subjects.startAndStep(side);
      millis.add(Stats.millisSince(start));
      ids.add(id);
    }
    results.add(FIRST_P50, side, Stats.median(millis));
    results.add(FIRST_P99, side, Stats.percentile(millis, 99));
    ids.forEach(id -> subjects.stop(side, id));
  }

  /** Bursts a round takes of the turns/s row; the round's figure is their median. */
  static final int THROUGHPUT_BURSTS = 3;

  /**
   * Many agents at once, each asking its turns one after another; turns completed per second. The
   * clock starts once every agent has been built: its construction belongs to the start row, and a
   * first ask that met it in its first workflow task would take the start's path, not a turn's. A
   * burst lasts well under a second on the test server, so a round takes the median of a few.
   */
  void throughput(Side side, Results results) throws Exception {
    List<Double> bursts = new ArrayList<>();
    for (int burst = 0; burst < THROUGHPUT_BURSTS; burst++) {
      bursts.add(turnsPerSecond(side));
    }
    results.add(THROUGHPUT, side, Stats.median(bursts));
    if (probe != null) {
      TimeLockProbe.Sample after = probe.sample();
      Map<String, Double> clock = results.testServer.computeIfAbsent(side, s -> new TreeMap<>());
      clock.put("timers pending after the turns/s row", (double) after.pendingTimers().values().stream()
          .mapToLong(Long::longValue).sum());
    }
  }

  /** One burst: fresh agents, built, then all asking at once; turns per second. */
  private double turnsPerSecond(Side side) throws Exception {
    List<String> ids = startAgents(side, sizes.agents());
    for (String id : ids) {
      subjects.awaitSettled(id);
    }
    long start = System.nanoTime();
    askAtOnce(side, ids, sizes.asks());
    double seconds = Stats.millisSince(start) / 1000.0;
    ids.forEach(id -> subjects.stop(side, id));
    return sizes.agents() * sizes.asks() / seconds;
  }

  /** Agents that warm the JVM up: this many at once. */
  static final int WARM_AGENTS = 20;

  /**
   * Untimed work that warms the JVM before the first round: {@code turns} turns spread over {@link
   * #WARM_AGENTS} agents at once, then each agent evicted and woken by one more turn (the replay
   * path), and a tenth as many fresh agents answered in one step.
   */
  void warmJvm(Side side, int turns) throws Exception {
    List<String> ids = startAgents(side, WARM_AGENTS);
    askAtOnce(side, ids, Math.max(1, turns / WARM_AGENTS));
    evict(side);
    askAtOnce(side, ids, 1);
    ids.forEach(id -> subjects.stop(side, id));
    for (int i = 0; i < turns / 10; i++) {
      subjects.stop(side, subjects.startAndStep(side));
    }
  }

  /** Drops every agent of this side from its worker's cache. */
  private void evict(Side side) {
    if (side == Side.STEWARD) {
      rig.evictStewardAgents();
    } else {
      rig.evictPlainWorkflows();
    }
  }

  private List<String> startAgents(Side side, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(subjects.start(side));
    }
    return ids;
  }

  /** Each agent asks {@code asks} turns one after another, all agents at once; returns when all are done. */
  private void askAtOnce(Side side, List<String> ids, int asks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(ids.size());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (String id : ids) {
        running.add(pool.submit(() -> {
          for (int a = 0; a < asks; a++) {
            subjects.turn(side, id);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Used heap (after GC) with N idle agents cached, each after one turn, minus before, over N.
   * On the in-process transport the server's copy of their histories is in the same heap and is
   * counted too; the TCP transports measure the worker and client alone.
   */
  void heap(Side side, Results results) {
    long before = usedHeapAfterGc();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sizes.idleAgents(); i++) {
      String id = subjects.start(side);
      subjects.step(side, id);
      ids.add(id);
    }
    long after = usedHeapAfterGc();
    results.add(HEAP, side, (after - before) / 1024.0 / sizes.idleAgents());
    ids.forEach(id -> subjects.stop(side, id));
  }

  /**
   * One turn of an agent that has {@link Sizes#wakeTurns()} turns behind it, just evicted from the
   * worker's cache: the worker fetches and replays its whole history first. The agent is built on
   * the first round and reused.
   */
  void wakeUp(Side side, Results results) {
    String id = oldAgents.computeIfAbsent(side, s -> {
      String fresh = subjects.start(s);
      for (int i = 0; i < sizes.wakeTurns(); i++) {
        subjects.turn(s, fresh);
      }
      return fresh;
    });
    evict(side);
    long start = System.nanoTime();
    subjects.turn(side, id);
    results.add(WAKE, side, Stats.millisSince(start));
  }

  /** Stops the agent kept for the wake-up. */
  void finish() {
    oldAgents.forEach(subjects::stop);
  }

  /** Terminates whatever this round started that still runs; returns how many. */
  int terminateLeftovers() {
    return subjects.terminateLeftovers();
  }

  /** What one turn left in the test server's clock: pending timers by kind. */
  private Map<String, Double> clockPerTurn(TimeLockProbe.Sample before, TimeLockProbe.Sample after) {
    Map<String, Double> per = new TreeMap<>();
    Set<String> kinds = new TreeSet<>(before.pendingTimers().keySet());
    kinds.addAll(after.pendingTimers().keySet());
    for (String kind : kinds) {
      long added = after.pendingTimers().getOrDefault(kind, 0L) - before.pendingTimers().getOrDefault(kind, 0L);
      per.put("timers pending, added per turn: " + kind, (double) added / sizes.turns());
    }
    return per;
  }

  private Map<String, Double> perTurn(Map<String, Long> counts) {
    Map<String, Double> per = new TreeMap<>();
    counts.forEach((method, n) -> per.put(method, (double) n / sizes.turns()));
    return per;
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
