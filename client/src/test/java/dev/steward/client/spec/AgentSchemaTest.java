package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed schema is the one the spec records generate today. */
class AgentSchemaTest {

  static final String REGENERATE = "./mvnw -q -B -pl client -am verify -Dtest=AgentSchemaTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dsteward.schema.write=true";

  @Test
  void committedSchemaMatchesTheSpecRecords() throws Exception {
    Path root = AgentSchemaGenerator.projectRoot();
    Path committed = root.resolve(AgentSchemaGenerator.SCHEMA_PATH);
    String generated = new AgentSchemaGenerator(root).generateText();
    if (Boolean.getBoolean("steward.schema.write")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, generated);
    }
    assertThat(Files.exists(committed))
        .as("%s is missing; create it with:%n  %s", AgentSchemaGenerator.SCHEMA_PATH, REGENERATE)
        .isTrue();
    assertThat(Files.readString(committed))
        .as("%s is out of date with the spec records; regenerate it with:%n  %s", AgentSchemaGenerator.SCHEMA_PATH, REGENERATE)
        .isEqualTo(generated);
  }
}
