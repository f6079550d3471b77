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
 */
public record Sizes(int rounds, int turns, int starts, int agents, int asks, int idleAgents, int wakeTurns) {

  /** The sizes, for a quiet machine. */
  public static final Sizes FULL = new Sizes(7, 50, 30, 100, 5, 300, 200);
  /** A few minutes in all: every scenario, fewer rounds and smaller counts. */
  public static final Sizes SHORT = new Sizes(3, 20, 10, 30, 3, 100, 50);
  /** Seconds: proves each scenario runs end to end; its figures mean nothing. */
  public static final Sizes SMOKE = new Sizes(1, 2, 2, 3, 2, 3, 3);

  /** Seven numbers, comma-separated, in the order of the record's components (for profiling one row). */
  public static Sizes parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 7) {
      throw new IllegalArgumentException("bench.sizes must be 7 numbers (rounds,turns,starts,agents,asks,"
          + "idleAgents,wakeTurns), got '" + text + "'");
    }
    int[] n = new int[7];
    for (int i = 0; i < 7; i++) {
      n[i] = Integer.parseInt(parts[i].trim());
    }
    return new Sizes(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
  }
}
