package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code steward gateway} and {@code steward dev} tell an operator before anything runs. */
class GatewayCommandTest {

  @Test
  void gatewayHelpWarnsThatWithoutKeysEveryCallerCanDoAnything() {
    CliRun help = CliRun.of("gateway", "--help");

    assertThat(help.exitCode()).isZero();
    // picocli wraps long descriptions; compare words, not lines.
    String text = help.out().replaceAll("\\s+", " ");
    assertThat(text).contains("WARNING: without API keys, auth is off on every interface: every caller is tenant"
        + " 'default' and can start, read, change and stop every agent.");
    assertThat(text).contains("--allow-credentials=NAMES", "credential and ${NAME} headers",
        "STEWARD_GATEWAY_CREDENTIALS", "* for any",
        "--allow-private-network", "STEWARD_GATEWAY_ALLOW_PRIVATE_NETWORK=true", "--allow-stdio-mcp");
  }

  @Test
  void devHelpSaysWhatItsLoopbackGatewayAccepts() {
    String text = CliRun.of("dev", "--help").out().replaceAll("\\s+", " ");

    assertThat(text).contains("stdio MCP servers, any of this process's environment variables as credentials and"
        + " allow_private", "--allow-credentials", "--allow-private-network");
  }

  @Test
  void aCredentialListThatIsNotVariableNamesIsAUsageError() {
    CliRun run = CliRun.of("gateway", "--allow-credentials", "OPENAI_API_KEY,my key", "--port", "0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--allow-credentials: 'my key' is not the name of an environment variable");
    assertThat(run.out()).as("nothing started").doesNotContain("listening");
  }
}
