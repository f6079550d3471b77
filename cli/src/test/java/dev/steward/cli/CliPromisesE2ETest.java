package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user runs into first: errors that name the file and what is wrong in one line,
 * re-imports that do nothing, lists that agree with snapshots, messages too big for an argument.
 */
class CliPromisesE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalTemporal temporal;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    temporal = LocalTemporal.start();
  }

  @AfterAll
  static void stop() {
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void importErrorsNameTheFileAndTheProblemInOneLine() throws Exception {
    CliRun missing = temporal.cli("import", dir.resolve("missing.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("steward: cannot read " + dir.resolve("missing.json") + ": no such file");

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": \"steward.agent.v1\",\n  \"agentId\": ");
    CliRun malformed = temporal.cli("import", broken.toString());
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err().strip().lines()).singleElement().asString()
        .startsWith("steward: " + broken + ":2:").contains("is not a Steward agent export");

    // An edited export gets the agent-file reader's every check, naming the file and the field.
    Path edited = Files.writeString(dir.resolve("edited.json"), """
        {"format": "steward.agent.v1", "agentId": "x",
         "agent": {"spec": {"name": "x", "model": {"provider": "scripted"}, "approval": {"tools": ["http_gte"]}}}}
        """);
    CliRun invalid = temporal.cli("import", edited.toString());
    assertThat(invalid.exitCode()).isNotZero();
    assertThat(invalid.err().strip().lines()).singleElement().asString()
        .startsWith(edited + ": agent.spec.approval.tools[0]: the agent has no tool 'http_gte'");
  }

  @Test
  void reimportingAnExportIsIdempotentAndListAgreesWithShow() throws Exception {
    Path file = Files.writeString(dir.resolve("talker.yaml"), """
        name: talker
        model: {provider: scripted, script: [{steps: [{reply: "said {{input}}"}]}]}
        """);
    assertThat(temporal.cli("start", file.toString(), "--id", "talker").exitCode()).isZero();
    assertThat(temporal.cli("ask", "talker", "one").exitCode()).isZero();
    assertThat(temporal.cli("ask", "talker", "two").exitCode()).isZero();
    Path exported = dir.resolve("talker.json");
    assertThat(temporal.cli("export", "talker", "--out", exported.toString()).exitCode()).isZero();

    CliRun first = temporal.cli("import", exported.toString(), "--id", "talker-copy");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    CliRun again = temporal.cli("import", exported.toString(), "--id", "talker-copy");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out().strip()).isEqualTo("talker-copy");
    CliRun taken = temporal.cli("import", exported.toString(), "--id", "talker");
    assertThat(taken.exitCode()).isEqualTo(1);
    assertThat(taken.err().strip()).isEqualTo("steward: agent 'talker' already exists; choose another id");

    JsonNode tokens = JSON.readTree(temporal.cli("show", "talker-copy", "--json").out()).path("usage").path("tokens");
    long shown = tokens.path("inputTokens").asLong() + tokens.path("outputTokens").asLong();
    assertThat(shown).isPositive();
    JsonNode listed = JSON.readTree(temporal.cli("list", "--name", "talker", "--json").out());
    assertThat(listed).filteredOn(a -> a.path("agentId").asText().equals("talker-copy")).singleElement()
        .satisfies(a -> assertThat(a.path("totalTokens").asLong()).isEqualTo(shown));
    temporal.cli("stop", "talker");
    temporal.cli("stop", "talker-copy");
  }

  @Test
  void messagesComeFromStandardInputOrAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("reader.yaml"), """
        name: reader
        model: {provider: scripted, script: [{steps: [{reply: "read {{input}}"}]}]}
        """);
    assertThat(temporal.cli("start", file.toString(), "--id", "reader").exitCode()).isZero();

    CliRun piped = CliRun.withInput("from a pipe\n", "ask", "reader", "-", "--address", temporal.address());
    assertThat(piped.exitCode()).as(piped.toString()).isZero();
    assertThat(piped.out()).contains("read from a pipe");

    // Larger than an argument may be on many systems, and than a payload kept in history.
    String big = "word ".repeat(60_000) + "the end";
    Path message = Files.writeString(dir.resolve("message.txt"), big);
    CliRun fromFile = temporal.cli("send", "reader", "@" + message);
    assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
    CliRun literal = temporal.cli("ask", "reader", "@@home");
    assertThat(literal.out()).contains("read @home");
    assertThat(temporal.cli("transcript", "reader").out()).contains("the end");

    CliRun absent = temporal.cli("send", "reader", "@" + dir.resolve("absent.txt"));
    assertThat(absent.exitCode()).isEqualTo(2);
    assertThat(absent.err()).contains("cannot read " + dir.resolve("absent.txt") + ": no such file");
    temporal.cli("stop", "reader");
  }
}
