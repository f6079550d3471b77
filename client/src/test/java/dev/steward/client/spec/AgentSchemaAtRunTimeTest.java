package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The loader validates against the committed schema, packed into the client jar at build. */
class AgentSchemaAtRunTimeTest {

  @Test
  void theJarCarriesTheCommittedSchema() throws Exception {
    try (InputStream in = AgentSchema.class.getResourceAsStream("agent.schema.json")) {
      assertThat(in).as("agent.schema.json in the client jar").isNotNull();
      String packed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(packed).isEqualTo(Files.readString(
          AgentSchemaGenerator.projectRoot().resolve(AgentSchemaGenerator.SCHEMA_PATH)));
    }
  }

  @Test
  void unknownFieldsAreTheSchemasToReportWithLineAndField() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: x
        model: {provider: scripted}
        memory:
          blocks:
            - {name: human, limt: 200}
        """, "x.yaml"));

    assertThat(e.getMessage()).isEqualTo("x.yaml:5:21: memory.blocks[0].limt: unknown field; did you mean 'limit'?");
  }

  @Test
  void aSubAgentsSpecInJsonIsValidatedAgainstTheSchemaToo() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentSpecs.readJson("""
        {"name": "boss", "model": {"provider": "scripted"},
         "tools": [{"name": "agent:helper", "options": {"spec": {"name": "helper", "model": {"provider": "scripted"},
            "limits": {"max_turn": 3}}}}]}
        """, "spec_json"));

    assertThat(e.getMessage()).isEqualTo("spec_json:3:16: tools[0].spec.limits.max_turn: unknown field; did you mean 'max_turns'?");
  }
}
