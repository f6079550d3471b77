package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.client.spec.AgentFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's agents folder: agent files by name, next to the other YAML they use. */
class SpecCatalogTest {

  static final String API = """
      openapi: 3.0.3
      info: {title: things, version: '1'}
      paths:
        /things/{id}:
          get:
            operationId: getThing
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            responses: {'200': {description: ok}}
      """;

  @TempDir Path dir;

  @Test
  void yamlThatIsNotAnAgentFileIsSkipped() throws Exception {
    Files.writeString(dir.resolve("api.yaml"), API);
    Files.writeString(dir.resolve("swagger.yml"), "swagger: '2.0'\ninfo: {title: old, version: '1'}\npaths: {}\n");
    Files.writeString(dir.resolve("compose.yaml"), "services: {web: {image: nginx}}\n");
    Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
    Files.writeString(dir.resolve("caller-file.yaml"), """
        name: caller
        model: {provider: scripted}
        openapi:
          - {name: api, document: api.yaml, base_url: 'https://things.example'}
        tools: [api.getThing]
        """);

    SpecCatalog catalog = SpecCatalog.load(dir);

    assertThat(catalog.names()).containsExactly("caller", "caller-file");
    assertThat(catalog.named("caller").openapi().get(0).document()).as("read from the folder").contains("getThing");
  }

  @Test
  void aFileThatLooksLikeAnAgentButIsBrokenStillStopsTheGateway() throws Exception {
    Files.writeString(dir.resolve("api.yaml"), API);
    Files.writeString(dir.resolve("broken.yaml"), "name: broken\nmodel: {provider: opena}\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> SpecCatalog.load(dir));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.getMessage()).contains("broken.yaml", "model.provider");
  }

  @Test
  void anAgentWithoutAModelIsNotSkipped() throws Exception {
    Files.writeString(dir.resolve("no-model.yaml"), "name: no-model\ninstructions: You help.\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> SpecCatalog.load(dir));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.getMessage()).contains("no-model.yaml", "model");
  }

  @Test
  void yamlThatCannotBeReadCountsAsABrokenAgentFile() throws Exception {
    Files.writeString(dir.resolve("not-yaml.yaml"), "name: [unclosed\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> SpecCatalog.load(dir));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.getMessage()).contains("not-yaml.yaml");
  }
}
