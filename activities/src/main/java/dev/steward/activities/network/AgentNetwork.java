package dev.steward.activities.network;

import dev.steward.network.Destination;
import dev.steward.network.NetworkPolicy;
import dev.steward.network.RefusedDestinationException;
import java.time.Duration;

/**
 * The worker's side of the one network policy: vet a URL, then get a client that can only connect
 * where it was vetted. Every connection a worker makes for an agent starts here.
 *
 * @param policy the policy with the allowance that applies ({@code allow_private} of a tool, or the
 *     worker's {@value NetworkPolicy#ALLOW_PRIVATE_VARIABLE} for models and MCP servers)
 */
public record AgentNetwork(NetworkPolicy policy) {

  /** Public addresses only, through the system resolver. */
  public static AgentNetwork publicOnly() {
    return new AgentNetwork(NetworkPolicy.publicOnly());
  }

  /**
   * The worker's policy for connections with no per-tool allowance (models, MCP servers): private
   * networks only when {@code env} has {@value NetworkPolicy#ALLOW_PRIVATE_VARIABLE}{@code =true}.
   */
  public static AgentNetwork fromEnvironment(java.util.function.Function<String, String> env) {
    return new AgentNetwork(NetworkPolicy.publicOnly().allowingPrivate(
        NetworkPolicy.allowed(env.apply(NetworkPolicy.ALLOW_PRIVATE_VARIABLE))));
  }

  /** This policy, with private networks allowed when {@code allow} (a tool's {@code allow_private}). */
  public AgentNetwork allowingPrivate(boolean allow) {
    return new AgentNetwork(policy.allowingPrivate(allow));
  }

  /** @see NetworkPolicy#vet */
  public Destination vet(String url) throws RefusedDestinationException {
    return policy.vet(url);
  }

  /** A client pinned to what {@code url} resolved to once, after the policy accepted it. */
  public PinnedHttpClient connect(String url, Duration connectTimeout) throws RefusedDestinationException {
    return new PinnedHttpClient(vet(url), connectTimeout);
  }
}
