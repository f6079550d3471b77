package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The examples a newcomer runs first load under every rule of the loader. */
class ExampleAgentFilesTest {

  private static final Path EXAMPLES = Path.of("..", "examples", "agents");

  @Test
  void everyExampleAgentFileLoads() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(EXAMPLES)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }

    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertThat(AgentFiles.load(file).name()).as(file.toString()).isNotBlank();
    }
  }
}
