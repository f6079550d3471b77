package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memory, fork, rewind, export/import, answer, schedule and list --sort through the CLI, on a real server. */
class LifecycleCommandsE2ETest {

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
  void memoryForkRewindExportAndImport() throws Exception {
    Path file = write("keeper.yaml", """
        name: keeper
        model: {provider: scripted, script: [{steps: [{reply: "noted {{input}}"}]}]}
        memory:
          blocks:
            - {name: human, limit: 200, text: "Name: Ada"}
        """);
    assertThat(cli("start", file.toString(), "--id", "keeper").exitCode()).isZero();
    for (int i = 1; i <= 3; i++) {
      assertThat(cli("ask", "keeper", "message " + i).out()).contains("noted message " + i);
    }

    Path text = write("human.txt", "Name: Ada Lovelace\nLikes: tea");
    CliRun set = cli("memory", "keeper", "--set", "human", text.toString());
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(cli("memory", "keeper").out()).contains("== human (29/200)", "Likes: tea");
    assertThat(cli("show", "keeper").out()).contains("memory:     human 29/200");

    CliRun fork = cli("fork", "keeper", "--at-turn", "2", "--id", "keeper-2");
    assertThat(fork.exitCode()).as(fork.toString()).isZero();
    assertThat(cli("transcript", "keeper-2").out()).contains("message 2").doesNotContain("message 3");

    CliRun rewind = cli("rewind", "keeper", "--to-turn", "1");
    assertThat(rewind.out()).contains("rewound to the end of turn 1");
    assertThat(cli("transcript", "keeper").out()).contains("abandoned");

    Path exported = dir.resolve("keeper.json");
    assertThat(cli("export", "keeper", "--out", exported.toString()).exitCode()).isZero();
    CliRun imported = cli("import", exported.toString(), "--id", "keeper-copy");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    // The memory edit came after turn 1, so the rewind undid it, and the copy has what the original has.
    assertThat(cli("memory", "keeper").out()).contains("Name: Ada").doesNotContain("Likes");
    assertThat(cli("memory", "keeper-copy").out()).contains("Name: Ada").doesNotContain("Likes");
    assertThat(cli("ask", "keeper-copy", "hello again").out()).contains("noted hello again");

    CliRun bad = cli("import", text.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("is not a Steward agent export");
  }

  @Test
  void showAfterARewindShowsTheTurnItWentBackTo() throws Exception {
    Path file = write("rewinder.yaml", """
        name: rewinder
        model: {provider: scripted, script: [{steps: [{reply: "ok {{input}}"}]}]}
        """);
    assertThat(cli("start", file.toString(), "--id", "rewinder").exitCode()).isZero();
    for (int i = 1; i <= 4; i++) {
      assertThat(cli("ask", "rewinder", "message " + i).out()).contains("ok message " + i);
    }
    assertThat(cli("show", "rewinder").out()).contains("turn:       4\n".replace("\n", System.lineSeparator()));

    assertThat(cli("rewind", "rewinder", "--to-turn", "2").out()).contains("rewound to the end of turn 2");
    assertThat(cli("show", "rewinder").out()).contains("turn:       2 (rewound from turn 4");

    // A turn after the rewind is the agent's turn again.
    assertThat(cli("ask", "rewinder", "message 5").out()).contains("ok message 5");
    assertThat(cli("show", "rewinder").out()).contains("turn:       5" + System.lineSeparator())
        .doesNotContain("rewound");
  }

  @Test
  void questionsAreAnsweredAndSchedulesControlled() throws Exception {
    Path file = write("planner.yaml", """
        name: planner
        model:
          provider: scripted
          script:
            - match: plan
              steps:
                - tool_calls: [{tool: ask_human, arguments: {question: "Which city?"}}]
                - reply: "Booked {{last_tool_result}}"
            - steps: [{reply: "tick {{input}}"}]
        tools: [ask_human]
        """);
    assertThat(cli("start", file.toString(), "--id", "planner").exitCode()).isZero();
    assertThat(cli("send", "planner", "plan a trip").exitCode()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> cli("show", "planner").out().contains("questions:  1 waiting"));

    String questionId = cli("show", "planner").out().lines().filter(l -> l.contains("Which city?")).findFirst()
        .orElseThrow().strip().split("\\s+")[0];
    CliRun answered = cli("answer", "planner", questionId, "Lisbon");
    assertThat(answered.exitCode()).as(answered.toString()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> cli("transcript", "planner").out().contains("Booked Lisbon"));

    assertThat(cli("schedule", "list", "planner").out()).contains("no schedules");
    assertThat(cli("schedule", "pause", "planner", "nightly").exitCode()).isEqualTo(1);
    assertThat(cli("list", "--sort", "tokens").out()).contains("planner", "TOKENS", "COST");
  }

  private static Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static CliRun cli(String... args) {
    return temporal.cli(args);
  }
}
