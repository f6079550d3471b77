package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser: {@code steward dev} on the real server with encryption on; the agent's input
 * is ciphertext in Temporal, and the Web UI shows it decoded, through the gateway's codec route.
 */
class WebUiCodecE2ETest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String MARKER = "guards-marker-4711";

  @TempDir Path dir;

  @Test
  void theWebUiShowsEncryptedPayloadsDecoded() throws Exception {
    assumeThat(TemporalCliServer.findOnPath()).as("the temporal CLI on PATH").isPresent();
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Debian's chromium and chromium-driver").isTrue();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = Map.of("STEWARD_HOME", dir.resolve("home").toString(),
        "STEWARD_ENCRYPTION_KEYS", "ui:" + Base64.getEncoder().encodeToString(key));
    int port = EmbeddedTemporal.freePort();
    int uiPort = EmbeddedTemporal.freePort();
    int gatewayPort = EmbeddedTemporal.freePort();
    String address = "localhost:" + port;
    Path agentFile = dir.resolve("guard.yaml");
    Files.writeString(agentFile, """
        name: guard
        instructions: You %s carefully.
        model:
          provider: scripted
        """.formatted(MARKER));

    try (JvmProcess dev = JvmProcess.start("webui-codec-dev", env, "dev", "--port", String.valueOf(port), "--ui-port",
        String.valueOf(uiPort), "--gateway-port", String.valueOf(gatewayPort), "--db-file",
        dir.resolve("dev.db").toString())) {
      await("steward dev's banner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> dev.output().contains("Ctrl-C stops"));
      CliRun started = JvmProcess.run("webui-codec-start", env, "start", agentFile.toString(), "--id", "guard",
          "--address", address);
      assertThat(started.exitCode()).as(started.toString()).isZero();
      // Temporal itself holds only ciphertext.
      io.temporal.serviceclient.WorkflowServiceStubs stubs = io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
          io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
      try {
        var history = stubs.blockingStub().getWorkflowExecutionHistory(
            io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
                .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId("guard")).build());
        assertThat(history.getHistory().getEventsCount()).isPositive();
        assertThat(history.toByteString().toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
      } finally {
        stubs.shutdownNow();
      }

      Path profile = Files.createTempDirectory("steward-webui-codec");
      System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
      ChromeDriver browser = new ChromeDriver(new ChromeOptions().setBinary(CHROMIUM.toString())
          .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--no-first-run", "--disable-component-update", "--disable-sync", "--window-size=1600,1300",
              "--user-data-dir=" + profile));
      try {
        browser.get("http://localhost:" + uiPort + "/namespaces/default/workflows/guard");
        try {
          new WebDriverWait(browser, Duration.ofSeconds(60))
              .until(b -> browser.findElement(By.tagName("body")).getText().contains(MARKER));
        } finally {
          Files.createDirectories(Path.of("target/webui"));
          Files.write(Path.of("target/webui/agent-input-decoded.png"), browser.getScreenshotAs(OutputType.BYTES));
        }
      } finally {
        browser.quit();
        try (var files = Files.walk(profile)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      JvmProcess.run("webui-codec-stop", env, "stop", "guard", "--address", address);
    }
  }
}
