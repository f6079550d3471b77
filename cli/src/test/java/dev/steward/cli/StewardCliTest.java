package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, help and exit codes: what a person typing commands sees, no server needed. */
class StewardCliTest {

  @TempDir Path dir;

  @Test
  void helpListsTheCommandsAndExitsZero() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("dev", "worker", "run", "start", "send", "ask", "chat", "show", "transcript",
        "list", "approve", "deny", "update-spec", "stop");
    // The embedded server's command stays hidden (codec-server is another command).
    assertThat(run.out()).doesNotContainPattern("(?m)^  server ").contains("codec-server");
    assertThat(run.out()).contains("--api-key", "--tls-ca-path", "--profile", "TEMPORAL_API_KEY", "TEMPORAL_PROFILE");
  }

  @Test
  void workerHelpShowsTheTemporalConnectionFlags() {
    CliRun run = CliRun.of("worker", "--help");
    assertThat(run.exitCode()).isZero();
    // The temporal CLI's own names, each with the variable it stands for.
    assertThat(run.out()).contains("--address", "TEMPORAL_ADDRESS", "--namespace", "TEMPORAL_NAMESPACE",
        "--api-key", "TEMPORAL_API_KEY", "--tls[=BOOL]", "TEMPORAL_TLS;", "--tls-cert-path",
        "TEMPORAL_TLS_CLIENT_CERT_PATH", "--tls-key-path", "TEMPORAL_TLS_CLIENT_KEY_PATH", "--tls-ca-path",
        "TEMPORAL_TLS_SERVER_CA_CERT_PATH", "--tls-server-name", "TEMPORAL_TLS_SERVER_NAME",
        "--tls-disable-host-verification", "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION", "--profile", "TEMPORAL_PROFILE",
        "--config-file", "TEMPORAL_CONFIG_FILE");
  }

  @Test
  void anUnknownProfileIsAUsageError() throws Exception {
    Path toml = dir.resolve("temporal.toml");
    Files.writeString(toml, "[profile.default]\naddress = \"localhost:1\"\n");
    CliRun run = CliRun.of("show", "some-agent", "--config-file", toml.toString(), "--profile", "nope");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope", toml.toString());
  }

  @Test
  void theApiKeyIsNeverPrinted() {
    String key = "sk-cli-test-never-print-me";
    int port = EmbeddedTemporal.freePort();
    CliRun run = CliRun.of("show", "some-agent", "--address", "localhost:" + port, "--api-key", key, "--verbose");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out() + run.err()).contains("localhost:" + port).doesNotContain(key);
  }

  @Test
  void everyCommandAnswersHelp() {
    for (String command : new String[] {"dev", "start", "ask", "schedule", "memory", "gateway"}) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).as(command + " --help").isZero();
      assertThat(run.out()).contains("Usage: steward " + command);
    }
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Usage: steward");
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    CliRun run = CliRun.of("memroy");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("steward: Unmatched argument", "memory");
  }

  @Test
  void missingParameterIsAUsageError() {
    CliRun run = CliRun.of("ask", "agent-1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter", "TEXT", "Try 'steward ask --help'");
  }

  @Test
  void badDurationIsAUsageError() {
    CliRun run = CliRun.of("ask", "agent-1", "hi", "--timeout", "soon");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a duration");
  }

  @Test
  void approveAllAndDenyAllExcludeEachOther() {
    CliRun run = CliRun.of("run", "x.yaml", "task", "--approve-all", "--deny-all");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
  }

  @Test
  void badStatusNamesTheChoices() {
    CliRun run = CliRun.of("list", "--status", "sleepy");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("IDLE", "RUNNING");
  }

  @Test
  void badAgentFileIsAUsageErrorNamingFileLineAndField() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: bad\nmodel:\n  provider: opena\n");
    CliRun run = CliRun.of("run", file.toString(), "hello");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith(file + ":3:3: model.provider: unknown provider 'opena'");
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void missingAgentFileIsAUsageError() {
    CliRun run = CliRun.of("start", dir.resolve("nope.yaml").toString(), "--address", "localhost:1");
    // The server is checked first or the file: either way it fails in one line, no stack trace.
    assertThat(run.exitCode()).isIn(1, 2);
    assertThat(run.err().lines().count()).isEqualTo(1);
  }

  @Test
  void aMissingFileIsNamedEvenWhenNoServerAnswers() {
    String address = "localhost:" + EmbeddedTemporal.freePort();
    CliRun imported = CliRun.of("import", dir.resolve("gone.json").toString(), "--address", address);
    assertThat(imported.exitCode()).isEqualTo(2);
    assertThat(imported.err().strip()).isEqualTo("steward: cannot read " + dir.resolve("gone.json") + ": no such file");
    CliRun started = CliRun.of("start", dir.resolve("gone.yaml").toString(), "--address", address);
    assertThat(started.exitCode()).isEqualTo(2);
    assertThat(started.err()).contains("gone.yaml: no such file").doesNotContain("no Temporal server");
  }

  @Test
  void noServerIsOneClearLineAndExitOne() {
    int port = EmbeddedTemporal.freePort();
    CliRun run = CliRun.of("show", "some-agent", "--address", "localhost:" + port);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo(
        "steward: no Temporal server answers at localhost:" + port
            + " (start one with `steward dev`, or set TEMPORAL_ADDRESS)");
  }

  @Test
  void verboseAddsTheStackTrace() {
    int port = EmbeddedTemporal.freePort();
    CliRun run = CliRun.of("show", "some-agent", "--address", "localhost:" + port, "--verbose");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("StewardUnavailableException", "\tat ");
  }

  @Test
  void versionPrints() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("steward ");
  }

  @Test
  void anAgentFileNestedTooDeeplyIsOneLineNotAStackTrace() throws Exception {
    Path deep = Files.writeString(dir.resolve("deep.yaml"),
        "name: deep\nmodel: {provider: scripted}\ntools: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
    CliRun[] run = new CliRun[1];
    // A small stack, as on a JVM started with -Xss256k, overflows on far less than this.
    Thread small = new Thread(null, () -> run[0] = CliRun.of("run", deep.toString(), "hi"), "small-stack", 256 * 1024);
    small.start();
    small.join();

    // Whichever comes first, the parser's own depth limit or the stack: one line, never a trace.
    assertThat(run[0].exitCode()).isIn(1, 2);
    assertThat(run[0].err().strip()).satisfiesAnyOf(
        line -> assertThat(line).isEqualTo(
            "steward: the input is nested too deeply to read (stack overflow) (run with --verbose for details)"),
        line -> assertThat(line).startsWith(deep + ":3: nested more than 100 levels deep"));
  }

  @Test
  void nestedMappingsOnATinyStackAreOneLineAndVerboseAddsTheTrace() throws Exception {
    Path deep = Files.writeString(dir.resolve("deep-maps.yaml"),
        "name: deep\nmodel: {provider: scripted}\nmemory: " + "{a: ".repeat(3000) + "1" + "}".repeat(3000) + "\n");
    // Read a file once on a normal stack first: a class whose initialiser overflowed stays broken
    // for the whole JVM, and the other tests share it.
    dev.steward.client.spec.AgentFiles.parse("name: warm\nmodel: {provider: scripted}\n", "warm.yaml");
    CliRun[] runs = new CliRun[2];
    Thread small = new Thread(null, () -> {
      runs[0] = CliRun.of("run", deep.toString(), "hi");
      runs[1] = CliRun.of("--verbose", "run", deep.toString(), "hi");
    }, "tiny-stack", 128 * 1024);
    small.start();
    small.join();

    // Refused by the reader's depth limit, or (before the JIT has warmed up) by the stack: either
    // way one line, and the trace only with --verbose.
    assertThat(runs[0].exitCode()).isIn(1, 2);
    assertThat(runs[0].err().strip().lines()).hasSize(1);
    assertThat(runs[0].err()).doesNotContain("\tat ");
    assertThat(runs[1].exitCode()).isIn(1, 2);
    assertThat(runs[1].err()).contains("\tat ");
  }
}
