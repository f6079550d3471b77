package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an editor would tell a user: every example passes the schema, and typical mistakes do not. */
class AgentSchemaExamplesTest {

  private static final Path ROOT = AgentSchemaGenerator.projectRoot();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    JsonNode node = new ObjectMapper().readTree(ROOT.resolve(AgentSchemaGenerator.SCHEMA_PATH).toFile());
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("examples/agents"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).isNotEmpty();
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleValidates(Path example) throws IOException {
    assertThat(errors(YAML.readTree(example.toFile()))).as(example.toString()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleNamesTheSchema(Path example) throws IOException {
    assertThat(Files.readAllLines(example).get(0))
        .isEqualTo("# yaml-language-server: $schema=../../schemas/agent.schema.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // A misspelt top-level field.
      "name: a\nmodel: {provider: scripted}\ninstuctions: hi\n",
      // No model.
      "name: a\n",
      // An unknown provider.
      "name: a\nmodel: {provider: opena, id: gpt-4.1}\n",
      // snake_case is the file's spelling; the records' camelCase is not.
      "name: a\nmodel: {provider: scripted}\nlimits: {maxStepsPerTurn: 3}\n",
      // A string where a number belongs.
      "name: a\nmodel: {provider: scripted}\nlimits: {max_turns: many}\n",
      // An inbox policy that does not exist.
      "name: a\nmodel: {provider: scripted}\ninbox: drop\n",
      // A tool mapping without its name.
      "name: a\nmodel: {provider: scripted}\ntools: [{allow_hosts: [example.org]}]\n",
      // A schedule without its message.
      "name: a\nmodel: {provider: scripted}\nschedules: [{name: m, every: 1h}]\n",
      // The loader fills openapi's source itself.
      "name: a\nmodel: {provider: scripted}\nopenapi: [{name: p, document: p.yaml, source: p.yaml}]\n",
      // Upper case is not an agent name.
      "name: Agent\nmodel: {provider: scripted}\n",
  })
  void mistakesAreRejected(String file) throws IOException {
    assertThat(errors(YAML.readTree(file))).as(file).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "name: a\nmodel: {provider: scripted}\ntools: [current_time, {name: http_get, allow_hosts: [example.org]}]\n",
      "name: a\nmodel: {provider: openai, id: gpt-4.1, price: {input_per_million: 2, output_per_million: 8}}\n",
      "name: a\nmodel: {provider: scripted}\napproval: {tools: \"*\", timeout_seconds: 60}\n",
      "name: a\nmodel: {provider: scripted}\ninbox: interrupt\nfallback_after: {attempts: 3, seconds: 20}\n",
  })
  void shorthandsAreAccepted(String file) throws IOException {
    assertThat(errors(YAML.readTree(file))).as(file).isEmpty();
  }

  private static List<Error> errors(JsonNode file) {
    return schema.validate(file);
  }
}
