package dev.steward.bench.faults;

/**
 * How long and how hard the campaign shakes things.
 *
 * @param seconds how long agents keep sending messages under faults
 * @param agents agents, each sending its messages one after another
 * @param workers worker JVMs running at once (one of them is killed at a time)
 * @param killEverySecondsMin least pause between two kills
 * @param killEverySecondsMax longest pause between two kills
 * @param outageSeconds how long the model answers every call 503, starting a third of the way in
 * @param errorShare share of model calls answered 429 or 500 with Retry-After
 */
record CampaignPlan(int seconds, int agents, int workers, int killEverySecondsMin, int killEverySecondsMax,
    int outageSeconds, double errorShare) {

  /**
   * The campaign: 20 agents, 10 minutes, a 60 s outage, and a kill every 12–26 s: at least
   * 21 kills (600 s over the longest pause, plus the few seconds a kill and restart take), about 25.
   */
  static final CampaignPlan FULL = new CampaignPlan(600, 20, 2, 12, 26, 60, 0.3);
  /** The CI version, about two minutes: 6 agents, 75 s of faults, a kill every 8–15 s, a 15 s outage. */
  static final CampaignPlan SHORT = new CampaignPlan(75, 6, 2, 8, 15, 15, 0.3);
}
