package dev.steward.cli;

import java.util.Locale;
import java.util.UUID;

/** Agent ids the CLI makes up when none is given: {@code agent-<name>-<8 hex digits>}. */
final class AgentIds {

  private AgentIds() {}

  static String generate(String agentName) {
    String name = agentName == null || agentName.isBlank() ? "agent" : agentName.toLowerCase(Locale.ROOT);
    return "agent-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
