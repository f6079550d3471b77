package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward dev} with the temporal CLI on PATH, as a process of its own: it runs the real
 * server with its Web UI, says where both are, stops the server when it stops, and its agents are
 * still there after a restart.
 */
@RealTemporal.Required
class DevOnRealServerE2ETest {

  @TempDir Path dir;

  @Test
  void devRunsTheRealServerWhoseAgentsOutliveARestart() throws Exception {
    assumeThat(TemporalCliServer.findOnPath()).as("the temporal CLI on PATH").isPresent();
    int port = EmbeddedTemporal.freePort();
    int uiPort = EmbeddedTemporal.freePort();
    String address = "localhost:" + port;
    String ui = "http://localhost:" + uiPort;
    Path database = dir.resolve("dev.db");
    String[] dev = {"dev", "--port", String.valueOf(port), "--ui-port", String.valueOf(uiPort), "--db-file",
        database.toString(), "--no-gateway"};

    try (JvmProcess first = JvmProcess.start("dev-real-1", dev)) {
      await("steward dev's banner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> first.output().contains("Ctrl-C stops"));
      assertThat(first.output()).contains("temporal server start-dev: agents kept in " + database,
          "Web UI           " + ui + "/namespaces/default/workflows",
          ui + "/namespaces/default/workflows/demo");
      assertThat(httpStatus(ui + "/namespaces/default/workflows")).isEqualTo(200);

      CliRun started = CliRun.of("start", "../examples/agents/companion.yaml", "--id", "keeper", "--address", address);
      assertThat(started.exitCode()).as(started.toString()).isZero();
      CliRun asked = CliRun.of("ask", "keeper", "remember my name is Ada", "--address", address);
      assertThat(asked.exitCode()).as(asked.toString()).isZero();
    }
    // SIGTERM to steward dev stops its server too.
    assertThat(Probe.reachable(address, Duration.ofSeconds(2))).as("server stopped with steward dev").isFalse();

    try (JvmProcess second = JvmProcess.start("dev-real-2", dev)) {
      await("steward dev again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> second.output().contains("Ctrl-C stops"));
      CliRun show = CliRun.of("show", "keeper", "--address", address);
      assertThat(show.exitCode()).as(show.toString()).isZero();
      assertThat(show.out()).contains("turn:       1");
      CliRun memory = CliRun.of("ask", "keeper", "what is my name?", "--address", address);
      assertThat(memory.exitCode()).as(memory.toString()).isZero();
      CliRun stopped = CliRun.of("stop", "keeper", "--address", address);
      assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
    }
  }

  @Test
  void ctrlCStopsTheWorkerBeforeItsServerWithoutAWallOfWarnings() throws Exception {
    assumeThat(TemporalCliServer.findOnPath()).as("the temporal CLI on PATH").isPresent();
    assumeThat(TemporalCliServer.onPath("setsid")).as("setsid, to play a terminal's process group").isPresent();
    int port = EmbeddedTemporal.freePort();
    String address = "localhost:" + port;
    try (JvmProcess dev = JvmProcess.startInOwnSession("dev-real-ctrl-c", "dev", "--port", String.valueOf(port),
        "--ui-port", String.valueOf(EmbeddedTemporal.freePort()), "--db-file", dir.resolve("dev.db").toString(),
        "--gateway-port", "0")) {
      await("steward dev's banner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> dev.output().contains("Ctrl-C stops"));

      // Ctrl-C reaches the terminal's whole process group: steward, and its server unless it has a
      // session of its own. Had the server died with it, the worker's pollers would log every
      // failed poll while the gateway and the worker stop.
      dev.interruptGroup();
      assertThat(dev.awaitExit(Duration.ofSeconds(60))).as("steward dev ended after Ctrl-C").isTrue();
      assertThat(dev.output()).contains("steward: stopping").doesNotContain("Failure in poller", "Connection refused");
    }
    assertThat(Probe.reachable(address, Duration.ofSeconds(2))).as("server stopped with steward dev").isFalse();
  }

  /** A kill -9 leaves steward no chance to stop its server: the server's watchdog stops it instead. */
  @Test
  void aKilledStewardDevTakesItsServerWithIt() throws Exception {
    assumeThat(TemporalCliServer.findOnPath()).as("the temporal CLI on PATH").isPresent();
    int port = EmbeddedTemporal.freePort();
    String address = "localhost:" + port;
    List<ProcessHandle> started = new ArrayList<>();
    try (JvmProcess dev = JvmProcess.start("dev-real-kill", "dev", "--port", String.valueOf(port), "--ui-port",
        String.valueOf(EmbeddedTemporal.freePort()), "--db-file", dir.resolve("dev.db").toString(), "--no-gateway")) {
      await("steward dev's banner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> dev.output().contains("Ctrl-C stops"));
      ProcessHandle.of(dev.pid()).orElseThrow().descendants().forEach(started::add);

      dev.kill();

      await("the server stops without steward").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
          .until(() -> !Probe.reachable(address, Duration.ofSeconds(1)));
      await("every process steward dev started ends").atMost(Duration.ofSeconds(30))
          .until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
    } finally {
      // What the watchdog should have stopped, should it not have: a test leaves nothing running.
      started.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static int httpStatus(String url) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
