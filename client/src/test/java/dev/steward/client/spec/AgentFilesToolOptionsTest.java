package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.workflows.spec.AgentSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of tool takes only the options the worker reads; others are refused, not ignored. */
class AgentFilesToolOptionsTest {

  private static final String FILE = "x.yaml";

  private static AgentFileException failure(String yaml) {
    return catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(yaml, FILE));
  }

  private static String agentWith(String tool) {
    return "name: x\nmodel: {provider: scripted}\ntools:\n  - " + tool + "\n";
  }

  @Test
  void everyKindOfToolTakesItsOwnOptions() {
    AgentSpec spec = AgentFiles.parse("""
        name: x
        model: {provider: scripted}
        mcp_servers: [{name: fs, command: [fs-server]}]
        http_tools: [{name: ticket, url: "https://api.example.com/t"}]
        tools:
          - name: http_get
            allow_hosts: [example.org, "*.example.com"]
            max_bytes: 20000
            timeout_seconds: 15
            allow_private: false
          - {name: current_time, timeout_seconds: 5}
          - {name: fs.*, timeout_seconds: 120}
          - {name: github.create_issue, timeout_seconds: 30}
          - {name: ticket, timeout_seconds: 40}
          - {name: "agent:helper", file: agents/helper.yaml}
          - {name: sleep}
        """, FILE);

    assertThat(spec.tool("http_get").options()).containsEntry("allow_hosts", List.of("example.org", "*.example.com"))
        .containsEntry("allow_private", false);
    assertThat(spec.tool("fs.read_file").options()).containsEntry("timeout_seconds", 120);
    assertThat(spec.tool("agent:helper").options()).isEqualTo(Map.of("file", "agents/helper.yaml"));
  }

  @Test
  void anUnknownOptionIsRefusedWithTheOptionsTheToolTakes() {
    assertThat(failure(agentWith("{name: current_time, bogus: 1}")).getMessage())
        .isEqualTo(FILE + ":4:26: tools[0].bogus: unknown option of current_time; it takes timeout_seconds");
    assertThat(failure(agentWith("{name: http_get, allow_host: [example.org]}")).getMessage())
        .isEqualTo(FILE + ":4:22: tools[0].allow_host: unknown option of http_get; did you mean 'allow_hosts'? "
            + "It takes allow_hosts, max_bytes, timeout_seconds, allow_private");
    assertThat(failure(agentWith("{name: fs.read_file, repo: x}")).reason())
        .isEqualTo("unknown option of fs.read_file; it takes timeout_seconds");
    assertThat(failure(agentWith("{name: \"agent:helper\", path: helper.yaml}")).reason())
        .isEqualTo("unknown option of agent:helper; it takes file");
  }

  @Test
  void askHumansTimeoutAndDefaultAreTheModelsArguments() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools:
          - name: ask_human
            timeout_seconds: 5
            default_answer: no
        """);

    assertThat(e.problems()).extracting(AgentFileProblem::toString).containsExactly(
        FILE + ":5:5: tools[0].timeout_seconds: ask_human takes no options in the agent file: timeout_seconds is an "
            + "argument the model sets with each call; say in the instructions what it should use",
        FILE + ":6:5: tools[0].default_answer: ask_human takes no options in the agent file: default_answer is an "
            + "argument the model sets with each call; say in the instructions what it should use");
  }

  @Test
  void toolsTheWorkflowRunsTakeNoOptions() {
    assertThat(failure(agentWith("{name: sleep, max: 1d}")).getMessage())
        .isEqualTo(FILE + ":4:19: tools[0].max: sleep takes no options in the agent file; "
            + "the model gives its arguments (duration, reason) with each call");
    assertThat(failure(agentWith("{name: ask_agent, timeout_seconds: 60}")).reason())
        .startsWith("ask_agent takes no options in the agent file: timeout_seconds is an argument the model sets");
  }

  @Test
  void optionValuesAreChecked() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools:
          - name: http_get
            allow_hosts: [example.org, 42]
            max_bytes: lots
            allow_private: "yes"
          - {name: current_time, timeout_seconds: 0}
        """);

    assertThat(e.problems()).extracting(AgentFileProblem::toString).containsExactly(
        FILE + ":5:32: tools[0].allow_hosts[1]: expected a host name, e.g. example.org or *.example.org, got the number 42",
        FILE + ":6:5: tools[0].max_bytes: expected a whole number, got text 'lots'",
        FILE + ":7:5: tools[0].allow_private: expected true or false, got text 'yes'",
        FILE + ":8:26: tools[1].timeout_seconds: is 0; must be between 1 and 86400 seconds (24 hours)");
  }

  @Test
  void aSubAgentCannotBeWrittenInline() {
    AgentFileException e = failure("""
        name: boss
        model: {provider: scripted}
        tools:
          - name: "agent:x"
            spec: {name: x}
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":5:5: tools[0].spec: a sub-agent is not written inline: it is the "
        + "agent file x.yaml beside this one (or the file named by file:), which is checked like this one and "
        + "carried to the worker");
  }

  @Test
  void anUnknownToolIsReportedOnceNotForEachOption() {
    AgentFileException e = failure(agentWith("{name: browse, depth: 2}"));

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("unknown tool 'browse'"));
  }
}
