package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.client.AgentSpecJson;
import dev.steward.workflows.spec.AgentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A spec that comes in as JSON or as an object is checked by the agent-file reader's every rule. */
class AgentSpecsTest {

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(AgentSchemaGenerator.projectRoot().resolve("examples/agents"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyLoadedExampleReadsBackFromItsJson(Path example) {
    AgentSpec loaded = AgentFiles.load(example);

    AgentSpec read = AgentSpecs.readJson(AgentSpecJson.write(loaded), "spec_json");

    // Equal as JSON (a sub-agent's spec is a plain map, whose numbers may read back as another Number type).
    assertThat(AgentSpecJson.write(read)).isEqualTo(AgentSpecJson.write(loaded));
    assertThat(AgentSpecs.check(loaded, "export")).isSameAs(loaded);
  }

  @Test
  void aToolTheAgentDoesNotHaveIsRefusedInJsonAsInAFile() {
    // Only the full reader knows that an approval must name one of the agent's tools.
    String json = "{\"name\": \"a\",\n \"model\": {\"provider\": \"scripted\"},\n"
        + " \"approval\": {\"tools\": [\"http_gte\"]}}";

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentSpecs.readJson(json, "spec_json"));

    assertThat(e.getMessage()).startsWith("spec_json:3:25: approval.tools[0]: the agent has no tool 'http_gte'");
  }

  @Test
  void aSubAgentsSpecIsCheckedAsAnAgentOfItsOwn() {
    String json = "{\"name\": \"boss\", \"model\": {\"provider\": \"scripted\"}, \"tools\": [{\"name\": \"agent:helper\","
        + " \"options\": {\"spec\": {\"name\": \"helper\", \"model\": {\"provider\": \"opena\"}}}}]}";

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentSpecs.readJson(json, "spec_json"));

    assertThat(e.field()).isEqualTo("tools[0].spec.model.provider");
    assertThat(e.reason()).startsWith("unknown provider 'opena'");
  }

  @Test
  void subAgentsNestOnlySoDeep() {
    String json = "{\"name\": \"a\", \"model\": {\"provider\": \"scripted\"}}";
    for (int i = 0; i < AgentSpecReader.MAX_SUB_AGENT_DEPTH + 2; i++) {
      json = "{\"name\": \"a\", \"model\": {\"provider\": \"scripted\"}, \"tools\": [{\"name\": \"agent:a\","
          + " \"options\": {\"spec\": " + json + "}}]}";
    }
    String deep = json;

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentSpecs.readJson(deep, "spec_json"));

    assertThat(e.reason()).contains("nest more than " + AgentSpecReader.MAX_SUB_AGENT_DEPTH + " deep");
  }

  @Test
  void aSpecObjectIsNamedByItsFieldsNotByLines() {
    AgentSpec spec = AgentSpecJson.read("{\"name\": \"Bad Name\", \"model\": {\"provider\": \"scripted\"}}");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentSpecs.check(spec, "export_json"));

    assertThat(e.getMessage()).startsWith("export_json: name: 'Bad Name' must be lower-case letters");
  }

  @Test
  void aBareToolNameIsNotARecordsShape() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentSpecs.readJson(
        "{\"name\": \"a\", \"model\": {\"provider\": \"scripted\"}, \"tools\": [\"current_time\"]}", "spec_json"));

    assertThat(e.field()).isEqualTo("tools[0]");
    assertThat(e.reason()).startsWith("a resolved spec writes each tool as an object");
  }

  @Test
  void malformedJsonIsOneLine() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentSpecs.readJson("{\"name\": ", "spec_json"));

    assertThat(e.getMessage()).startsWith("spec_json:1:10: not valid JSON").doesNotContain("\n");
  }
}
