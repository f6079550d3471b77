package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI SDK for Node ({@code openai} 7.55.0, which {@code .ci/run} installs into
 * {@code .ci/node}) runs {@code openai-node/flow.cjs} against a real gateway and worker: create,
 * previous_response_id, streaming, background with polling and cancel, an approval, a conversation,
 * errors. Every body passes through {@link ValidatingProxy}. Skipped, saying why, where Node or the
 * package is not installed.
 */
class OpenAiNodeSdkTest {

  static final Path NODE_MODULES = Path.of("..", ".ci", "node", "node_modules");
  static final Path SCRIPT = Path.of("src", "test", "resources", "openai-node", "flow.cjs");

  @Test
  void theNodeSdkHoldsAConversationWithADurableAgent() throws Exception {
    assumeTrue(Files.isDirectory(NODE_MODULES.resolve("openai")), "npm openai is not installed in "
        + NODE_MODULES.toAbsolutePath().normalize() + "; run: npm install --prefix .ci/node openai@7.55.0 (as .ci/run does)");
    assumeTrue(nodeWorks(), "node is not on PATH");
    try (GatewayTestKit kit = new GatewayTestKit(); ValidatingProxy proxy = new ValidatingProxy(kit.gateway.port())) {
      Path log = Files.createTempFile("openai-node", ".log");
      ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("STEWARD_BASE_URL", proxy.baseUrl());
      builder.environment().put("STEWARD_API_KEY", GatewayTestKit.ACME_KEY);
      builder.environment().put("NODE_PATH", NODE_MODULES.toAbsolutePath().normalize().toString());
      Process node = builder.start();
      try {
        boolean ended = node.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("node ended; output so far:\n" + output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("node flow ok");
      } finally {
        // The script ends by itself; this only stops one a failed assertion left running.
        node.destroyForcibly();
        Files.deleteIfExists(log);
      }
      assertThat(proxy.violations()).isEmpty();
    }
  }

  private static boolean nodeWorks() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
