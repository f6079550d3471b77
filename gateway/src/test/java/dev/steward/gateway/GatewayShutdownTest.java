package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.gateway.client.StewardGrpcClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import dev.steward.proto.v1.TurnOutcome;

/** Closing the gateway lets a call in flight finish before the port goes away. */
class GatewayShutdownTest {

  @Test
  void anAskInFlightCompletesWhileTheGatewayShutsDown() {
    try (GatewayTestKit kit = new GatewayTestKit(); StewardGrpcClient acme = kit.client(GatewayTestKit.ACME_KEY)) {
      // The scripted model streams its reply in three pieces, 1 s apart: the Ask takes about 2 s.
      acme.startAgent("slow", """
          name: slow
          model:
            provider: scripted
            parameters: {chunk_pause_ms: 1000}
            script: [{steps: [{reply: "finally done"}]}]
          """);
      CompletableFuture<TurnOutcome> reply = CompletableFuture.supplyAsync(
          () -> acme.ask("slow", "take your time", Duration.ofMinutes(1)));
      await().atMost(Duration.ofSeconds(30)).until(() -> kit.agentClient.partialReply("slow").isPresent() || reply.isDone());

      CompletableFuture<Void> closing = CompletableFuture.runAsync(kit.gateway::close);

      assertThat(reply.join().getReply()).isEqualTo("finally done");
      closing.join();
    }
  }
}
