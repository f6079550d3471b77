package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.client.AgentNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What the guard remembers: a tenant's own agent for {@link TenantGuard#OWNED_KEPT}, nothing about a
 * foreign or missing id. The server side of the check (every RPC, foreign ids answering like missing
 * ones, on a real server) is {@link TenantIsolationTest}'s.
 */
class TenantGuardTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final List<String> lookedUp = new ArrayList<>();
  private final TenantGuard guard = new TenantGuard(id -> {
    lookedUp.add(id);
    // acme's agents are acme-*; nothing else exists.
    if (!id.startsWith("acme-")) {
      throw new AgentNotFoundException(id, null);
    }
    return "acme";
  }, now::get);

  @Test
  void theOwnersRequestsAskTheServerOncePerInterval() {
    guard.requireOwned("acme-agent", "acme");
    now.addAndGet(TenantGuard.OWNED_KEPT.toNanos() - 1);
    guard.requireOwned("acme-agent", "acme");
    assertThat(lookedUp).hasSize(1);

    now.addAndGet(1);
    guard.requireOwned("acme-agent", "acme");
    assertThat(lookedUp).hasSize(2);
  }

  @Test
  void anotherTenantIsAskedAboutEveryTimeAndRefusedLikeAMissingId() {
    guard.requireOwned("acme-agent", "acme");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> guard.requireOwned("acme-agent", "globex")).isInstanceOf(AgentNotFoundException.class);
      assertThatThrownBy(() -> guard.requireOwned("never-was", "globex")).isInstanceOf(AgentNotFoundException.class);
    }
    assertThat(lookedUp).containsExactly("acme-agent", "acme-agent", "never-was", "acme-agent", "never-was");
  }

  @Test
  void pastItsBoundTheGuardForgetsAndAsksAgain() {
    for (int i = 0; i <= TenantGuard.MAX_KEPT; i++) {
      guard.requireOwned("acme-" + i, "acme");
    }
    // Every remembered agent was fresh: all were dropped to make room, the first one too.
    lookedUp.clear();
    guard.requireOwned("acme-0", "acme");
    assertThat(lookedUp).containsExactly("acme-0");
  }
}
