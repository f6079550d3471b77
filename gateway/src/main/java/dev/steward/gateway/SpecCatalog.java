package dev.steward.gateway;

import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.spec.AgentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a request's spec comes from: inline agent-file YAML ({@code spec_yaml}), or the name of one
 * of the agent files the gateway loaded from its agents folder at start ({@code spec_name}). A file
 * is known by its spec's {@code name} and by its file name without {@code .yaml}/{@code .yml}.
 */
final class SpecCatalog {

  private final Map<String, AgentSpec> byName;

  private SpecCatalog(Map<String, AgentSpec> byName) {
    this.byName = Map.copyOf(byName);
  }

  static SpecCatalog empty() {
    return new SpecCatalog(Map.of());
  }

  /**
   * Loads every agent file in {@code dir} (not its subfolders); null for none.
   *
   * @throws dev.steward.client.spec.AgentFileException when a file is not a valid agent file, so a
   *     broken deployment fails at start rather than on first use
   */
  static SpecCatalog load(Path dir) {
    if (dir == null) {
      return empty();
    }
    Map<String, AgentSpec> specs = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> agentFiles = files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
      for (Path file : agentFiles) {
        AgentSpec spec = AgentFiles.load(file);
        specs.put(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), spec);
        specs.put(spec.name(), spec);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the agents folder " + dir + ": " + e.getMessage(), e);
    }
    return new SpecCatalog(specs);
  }

  /** The names {@code spec_name} accepts, sorted. */
  List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  /**
   * The spec a request names.
   *
   * @param yaml inline agent-file text, or empty
   * @param name a catalogue name, or empty
   * @throws BadRequestException when neither or an unknown name is given
   * @throws dev.steward.client.spec.AgentFileException when the YAML is not a valid agent file
   */
  AgentSpec resolve(String yaml, String name) {
    if (yaml != null && !yaml.isBlank()) {
      return AgentFiles.parse(yaml, "spec_yaml");
    }
    if (name != null && !name.isBlank()) {
      AgentSpec spec = byName.get(name.strip());
      if (spec == null) {
        throw new BadRequestException("spec_name", "no agent file named '" + name.strip() + "' in the gateway's agents"
            + " folder" + (byName.isEmpty() ? " (none is configured)" : "; known: " + String.join(", ", names())));
      }
      return spec;
    }
    throw new BadRequestException("spec_yaml", "required: give the agent file as spec_yaml, or spec_name");
  }
}
