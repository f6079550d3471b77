package dev.steward.cli;

import dev.steward.client.AgentClient;
import dev.steward.client.Agents;
import dev.steward.client.ClientSettings;
import dev.steward.client.StewardUnavailableException;

/** Opens and closes {@link AgentClient}s for commands. */
final class Clients {

  private Clients() {}

  static AgentClient connect(ClientSettings settings) {
    return AgentClient.connect(settings);
  }

  /** A client whose server answers, or {@link StewardUnavailableException}. */
  static AgentClient connectReachable(ClientSettings settings) {
    if (!Probe.reachable(settings.connection(), Probe.DEFAULT_TOTAL)) {
      throw new StewardUnavailableException(settings.address(), null);
    }
    return connect(settings);
  }

  static void closeQuietly(Agents client) {
    try {
      client.close();
    } catch (RuntimeException e) {
      // Closing a connection that never worked has nothing left to report.
    }
  }
}
