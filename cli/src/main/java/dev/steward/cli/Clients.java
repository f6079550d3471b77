package dev.steward.cli;

import dev.steward.client.AgentClient;
import dev.steward.client.Agents;
import dev.steward.client.ClientSettings;
import dev.steward.client.StewardUnavailableException;
import java.time.Duration;

/** Opens and closes {@link AgentClient}s for commands. */
final class Clients {

  /** How long an agent command waits for the server to answer before giving up. */
  static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);

  private Clients() {}

  static AgentClient connect(ClientSettings settings) {
    return AgentClient.connect(settings);
  }

  /** A client whose server answers, or {@link StewardUnavailableException}. */
  static AgentClient connectReachable(ClientSettings settings) {
    if (!Probe.reachable(settings.connection(), REACH_TIMEOUT)) {
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
