package dev.steward.bench;

/**
 * How much work each scenario does per round.
 *
 * @param rounds interleaved rounds (Steward and plain take turns going first)
 * @param turns timed turns per round on one warm agent (also gives history bytes and calls per turn)
 * @param starts fresh agents per round for start → first reply
 * @param agents concurrent agents for turns per second
 * @param asks asks per agent for turns per second
 * @param idleAgents agents kept cached and idle for heap per agent
 * @param wakeTurns turns of the agent woken after eviction
 * @param jvmWarmTurns untimed turns per side before the first round, so that the rows measure a warm
 *     JVM, as a long-running worker is (0: none)
 */
public record Sizes(int rounds, int turns, int starts, int agents, int asks, int idleAgents, int wakeTurns,
    int jvmWarmTurns) {

  /** The sizes, for a quiet machine. */
  public static final Sizes FULL = new Sizes(7, 50, 30, 100, 5, 300, 200, 20_000);
  /** A few minutes in all: every scenario, fewer rounds and smaller counts. */
  public static final Sizes SHORT = new Sizes(3, 20, 10, 30, 3, 100, 50, 5_000);
  /** Seconds: proves each scenario runs end to end; its figures mean nothing. */
  public static final Sizes SMOKE = new Sizes(1, 2, 2, 3, 2, 3, 3, 40);

  /** These sizes with another JVM warm-up. */
  public Sizes withJvmWarmTurns(int warmTurns) {
    return new Sizes(rounds, turns, starts, agents, asks, idleAgents, wakeTurns, warmTurns);
  }

  /**
   * Seven or eight numbers, comma-separated, in the order of the record's components (for profiling
   * one row); without the eighth, no JVM warm-up.
   */
  public static Sizes parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 7 && parts.length != 8) {
      throw new IllegalArgumentException("bench.sizes must be 7 or 8 numbers (rounds,turns,starts,agents,asks,"
          + "idleAgents,wakeTurns[,jvmWarmTurns]), got '" + text + "'");
    }
    int[] n = new int[8];
    for (int i = 0; i < parts.length; i++) {
      n[i] = Integer.parseInt(parts[i].trim());
    }
    return new Sizes(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
  }
}
