package dev.steward.worker.observe;

import org.slf4j.MDC;

/**
 * The MDC keys Steward puts on every log line written for an agent, in workflow and activity code:
 * {@value #AGENT_ID}, {@value #RUN_ID} and {@value #TURN}. The console pattern and the JSON format
 * in the CLI's logback.xml show them.
 */
public final class AgentLogContext {

  public static final String AGENT_ID = "agentId";
  public static final String RUN_ID = "runId";
  public static final String TURN = "turn";

  private AgentLogContext() {}

  static void set(String agentId, String runId, int turn) {
    // The workflow side sets these at every call the workflow makes, mostly to what they already are.
    putIfOther(AGENT_ID, agentId);
    putIfOther(RUN_ID, runId);
    if (turn > 0) {
      String now = MDC.get(TURN);
      if (now == null || !now.equals(Integer.toString(turn))) {
        MDC.put(TURN, Integer.toString(turn));
      }
    } else {
      MDC.remove(TURN);
    }
  }

  private static void putIfOther(String key, String value) {
    if (value == null || !value.equals(MDC.get(key))) {
      MDC.put(key, value);
    }
  }

  static void clear() {
    MDC.remove(AGENT_ID);
    MDC.remove(RUN_ID);
    MDC.remove(TURN);
  }
}
