package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A CI-sized run of the load generator: concurrent clients all get their answers. Timings are only printed. */
class AskLoadTest {

  static GatewayTestKit kit;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
  }

  @AfterAll
  static void stop() {
    kit.close();
  }

  @Test
  void concurrentClientsAllGetTheirReplies() throws Exception {
    AskLoad.Result result = AskLoad.run(kit, GatewayTestKit.ACME_KEY, 5, 4);

    System.out.println("ask load (CI size): " + result);
    assertThat(result.errors()).isZero();
    assertThat(result.asks()).isEqualTo(20);
  }
}
