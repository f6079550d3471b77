package dev.steward.client;

import java.util.UUID;

/** Agent ids: chosen by the caller, or {@code agent-<name>-<8 hex digits>}. */
final class AgentIds {

  private AgentIds() {}

  static String orGenerate(String agentId, String agentName) {
    if (agentId != null && !agentId.isBlank()) {
      return agentId.strip();
    }
    return "agent-" + agentName + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
