package dev.steward.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.spec.AgentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent files the gateway loaded from its agents folder at start, which requests name with
 * {@code spec_name}. A file is known by its spec's {@code name} and by its file name without
 * {@code .yaml}/{@code .yml}. The folder is the operator's: its files may read the files beside
 * them (sub-agents, OpenAPI documents) and declare stdio MCP servers. Specs that callers send are
 * {@link RemoteSpecs}' business.
 */
final class SpecCatalog {

  private static final Logger log = LoggerFactory.getLogger(SpecCatalog.class);
  /** Top-level keys whose scalar value (a version) marks an API description rather than an agent. */
  private static final List<String> NOT_AGENT_KEYS = List.of("openapi", "swagger", "asyncapi");
  /** Top-level keys of which an agent file has at least one. */
  private static final List<String> AGENT_KEYS = List.of("model", "instructions");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, AgentSpec> byName;

  private SpecCatalog(Map<String, AgentSpec> byName) {
    this.byName = Map.copyOf(byName);
  }

  static SpecCatalog empty() {
    return new SpecCatalog(Map.of());
  }

  /**
   * Loads every agent file in {@code dir} (not its subfolders); null for none. YAML files that are
   * not agent files (an OpenAPI document an agent imports, say) are skipped with a log line: a file is
   * an agent file when its top level has {@code model} or {@code instructions} and no version under
   * {@code openapi}, {@code swagger} or {@code asyncapi}. YAML that cannot be read counts as a broken
   * agent file.
   *
   * @throws dev.steward.client.spec.AgentFileException when an agent file is not valid, so a
   *     broken deployment fails at start rather than on first use
   */
  static SpecCatalog load(Path dir) {
    if (dir == null) {
      return empty();
    }
    Map<String, AgentSpec> specs = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> yamlFiles = files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
      for (Path file : yamlFiles) {
        String notAgent = whyNotAnAgentFile(file);
        if (notAgent != null) {
          log.info("agents folder: skipping {}: not an agent file ({})", file, notAgent);
          continue;
        }
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
   * The agent file a request names.
   *
   * @throws BadRequestException when the name is blank or unknown
   */
  AgentSpec named(String name) {
    if (name == null || name.isBlank()) {
      throw new BadRequestException("spec_name", "required: the name of an agent file in the gateway's agents folder");
    }
    AgentSpec spec = byName.get(name.strip());
    if (spec == null) {
      throw new BadRequestException("spec_name", "no agent file named '" + name.strip() + "' in the gateway's agents"
          + " folder" + (byName.isEmpty() ? " (none is configured)" : "; known: " + String.join(", ", names())));
    }
    return spec;
  }

  /** The agent file of this name, if there is one. */
  Optional<AgentSpec> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.strip()));
  }

  /** Why the file is not an agent file, or null when it is one (or cannot be told apart from a broken one). */
  private static String whyNotAnAgentFile(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return "its top level is not a mapping";
    }
    for (String key : NOT_AGENT_KEYS) {
      // An API description's version, e.g. openapi: 3.0.3; an agent's openapi is a list of imports.
      if (root.path(key).isValueNode() && !root.path(key).isNull()) {
        return "it is an API description (" + key + ": " + root.path(key).asText() + ")";
      }
    }
    if (AGENT_KEYS.stream().noneMatch(root::has)) {
      return "it has neither model nor instructions";
    }
    return null;
  }
}
