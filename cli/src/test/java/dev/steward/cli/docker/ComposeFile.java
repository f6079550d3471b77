package dev.steward.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml as a tree, with the few questions the tests ask of it. */
record ComposeFile(JsonNode root) {

  static ComposeFile parse(String yaml) {
    try {
      return new ComposeFile(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    } catch (Exception e) {
      throw new IllegalArgumentException("docker-compose.yml is not YAML: " + e.getMessage(), e);
    }
  }

  Map<String, JsonNode> services() {
    Map<String, JsonNode> services = new LinkedHashMap<>();
    root.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
    return services;
  }

  JsonNode service(String name) {
    JsonNode service = root.path("services").path(name);
    if (service.isMissingNode()) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return service;
  }

  /** The services that run the image built from this repository. */
  Map<String, JsonNode> stewardServices() {
    Map<String, JsonNode> steward = new LinkedHashMap<>();
    services().forEach((name, service) -> {
      if (!service.path("build").isMissingNode()) {
        steward.put(name, service);
      }
    });
    return steward;
  }

  /** A service's environment, from either the map or the list form. */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    } else if (node.isArray()) {
      for (JsonNode entry : node) {
        String text = entry.asText();
        int equals = text.indexOf('=');
        env.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
      }
    }
    return env;
  }

  /** Published ports as {@code host:container} strings. */
  static List<String> ports(JsonNode service) {
    List<String> ports = new ArrayList<>();
    service.path("ports").forEach(p -> ports.add(p.asText()));
    return ports;
  }

  static List<String> words(JsonNode node) {
    List<String> words = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(w -> words.add(w.asText()));
    } else if (!node.isMissingNode()) {
      words.addAll(List.of(node.asText().split("\\s+")));
    }
    return words;
  }
}
