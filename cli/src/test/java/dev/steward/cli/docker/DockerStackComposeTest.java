package dev.steward.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be known about docker-compose.yml without a Docker engine: that Steward's services are
 * configured only with variables Steward reads, share one blob store with the CLI on the host,
 * check their health with things that exist, start in a sensible order, publish the ports the
 * README promises, and that Temporal is set up with Steward's search attributes.
 */
class DockerStackComposeTest {

  private static final Pattern ATTRIBUTE = Pattern.compile("SearchAttributeKey\\.for(Keyword|Double|Long)\\(\"(\\w+)\"\\)");
  private static final Pattern REGISTERED = Pattern.compile("\\b(Steward\\w+):(\\w+)\\b");
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9./-]+:[0-9][\\w.-]*");

  private final Repository repository = Repository.find();
  private final ComposeFile compose = ComposeFile.parse(repository.text("docker-compose.yml"));
  private final Dockerfile dockerfile = Dockerfile.parse(repository.text("Dockerfile"));

  @Test
  void theWorkerAndTheGatewayRunTheImageOfThisRepository() {
    assertThat(compose.stewardServices()).containsOnlyKeys("steward-worker", "steward-gateway");
    compose.stewardServices().forEach((name, service) ->
        assertThat(service.path("build").path("context").asText(service.path("build").asText()))
            .as("%s build context", name).isEqualTo("."));
  }

  @Test
  void stewardServicesSetOnlyVariablesStewardReads() {
    Set<String> known = new TreeSet<>(StewardVariables.settings(repository));
    known.addAll(StewardVariables.modelKeys(repository));
    compose.stewardServices().forEach((name, service) -> {
      Set<String> unknown = new TreeSet<>(ComposeFile.environment(service).keySet());
      unknown.removeAll(known);
      assertThat(unknown).as("variables compose sets on %s that no Steward code reads", name).isEmpty();
    });
  }

  @Test
  void theWorkerGetsEveryDocumentedModelKeyAndTheGatewayNone() {
    Set<String> keys = StewardVariables.modelKeys(repository);
    assertThat(keys).contains("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY");
    Map<String, String> worker = ComposeFile.environment(compose.service("steward-worker"));
    for (String key : keys) {
      // Passed through by name from the shell; blank when unset there, which the worker treats as unset.
      assertThat(worker).as("steward-worker passes %s through", key).containsEntry(key, "${" + key + ":-}");
    }
    assertThat(ComposeFile.environment(compose.service("steward-gateway")).keySet())
        .as("the gateway calls no model, so it holds no key").doesNotContainAnyElementsOf(keys);
  }

  @Test
  void theWorkerTheGatewayAndTheHostCliShareOneBlobStore() {
    String imageDir = dockerfile.env("STEWARD_BLOB_DIR");
    List<String> sources = new ArrayList<>();
    compose.stewardServices().forEach((name, service) -> {
      assertThat(ComposeFile.environment(service).getOrDefault("STEWARD_BLOB_DIR", imageDir))
          .as("%s STEWARD_BLOB_DIR", name).isEqualTo(imageDir);
      JsonNode mount = bindMountAt(service, imageDir);
      assertThat(mount).as("%s bind-mounts a host folder at %s", name, imageDir).isNotNull();
      sources.add(mount.path("source").asText());
    });
    assertThat(sources).containsOnly("./.steward/blobs");
    // The host folder is the user's data: never committed, never sent to the image build.
    assertThat(repository.text(".gitignore")).contains("/.steward/");
    assertThat(repository.text(".dockerignore")).contains(".steward");
    // The README tells the CLI on the host to use the same folder.
    assertThat(readmeStackSection()).contains("mkdir -p .steward/blobs", "STEWARD_BLOB_DIR=\"$PWD/.steward/blobs\"");
  }

  @Test
  void healthChecksUseWhatExists() {
    compose.stewardServices().forEach((name, service) -> {
      List<String> test = ComposeFile.words(service.path("healthcheck").path("test"));
      assertThat(test).as("%s health check", name).hasSize(3).startsWith("CMD");
      assertThat(HealthCheckScript.find(repository, dockerfile, test.get(1)).handles(test.get(2)))
          .as("%s: %s handles %s", name, test.get(1), test.get(2)).isTrue();
    });
    assertThat(ComposeFile.words(compose.service("steward-worker").path("healthcheck").path("test"))).endsWith("worker");
    assertThat(ComposeFile.words(compose.service("steward-gateway").path("healthcheck").path("test"))).endsWith("gateway");
    // The gateway check asks for /health, which the gateway serves.
    String script = HealthCheckScript.find(repository, dockerfile, "steward-healthcheck").text();
    assertThat(script).contains("/health\"");
    assertThat(repository.text("gateway/src/main/java/dev/steward/gateway/StewardGateway.java"))
        .contains(".service(\"/health\"");
  }

  @Test
  void servicesStartInOrder() {
    Map<String, JsonNode> services = compose.services();
    Map<String, String> conditions = new LinkedHashMap<>();
    services.forEach((name, service) -> service.path("depends_on").fields().forEachRemaining(dependency -> {
      String on = dependency.getKey();
      String condition = dependency.getValue().path("condition").asText();
      assertThat(services).as("%s depends on %s", name, on).containsKey(on);
      switch (condition) {
        case "service_healthy" -> assertThat(services.get(on).path("healthcheck").isMissingNode())
            .as("%s waits for %s to be healthy, so it needs a health check", name, on).isFalse();
        case "service_completed_successfully" -> assertThat(services.get(on).path("restart").asText())
            .as("%s is a one-shot", on).isEqualTo("no");
        default -> throw new AssertionError(name + " depends on " + on + " without a condition");
      }
      conditions.put(name + "->" + on, condition);
    }));
    assertThat(conditions).containsEntry("temporal-schema->postgresql", "service_healthy")
        .containsEntry("temporal->temporal-schema", "service_completed_successfully")
        .containsEntry("temporal-namespace->temporal", "service_healthy")
        .containsEntry("steward-worker->temporal-namespace", "service_completed_successfully")
        .containsEntry("steward-gateway->temporal-namespace", "service_completed_successfully");
  }

  @Test
  void publishedPortsAreTheOnesTheReadmeNames() {
    Map<String, List<String>> published = new LinkedHashMap<>();
    compose.services().forEach((name, service) -> {
      if (!ComposeFile.ports(service).isEmpty()) {
        published.put(name, ComposeFile.ports(service));
      }
    });
    String gatewayPort = ComposeFile.environment(compose.service("steward-gateway")).get("STEWARD_GATEWAY_PORT");
    assertThat(published).containsOnly(
        Map.entry("temporal", List.of("7233:7233")),
        // temporalio/ui listens on 8080 in its container.
        Map.entry("temporal-ui", List.of("8233:8080")),
        Map.entry("steward-gateway", List.of("8080:" + gatewayPort)));
    assertThat(ComposeFile.environment(compose.service("temporal-ui"))).containsEntry("TEMPORAL_CORS_ORIGINS",
        "http://localhost:8233");
    assertThat(readmeStackSection()).contains("localhost:7233", "http://localhost:8233", "localhost:8080");
  }

  @Test
  void temporalIsSetUpWithoutTheDeprecatedImageAndWithPinnedVersions() {
    compose.services().forEach((name, service) -> {
      if (service.has("image") && !service.has("build")) {
        assertThat(service.path("image").asText()).as("%s image is pinned", name).matches(IMAGE);
        assertThat(service.path("image").asText()).as(name).doesNotStartWith("temporalio/auto-setup");
      }
    });
    assertThat(compose.service("temporal").path("image").asText()).startsWith("temporalio/server:");
    String schema = setupScript("temporal-schema");
    for (String database : List.of("temporal", "temporal_visibility")) {
      assertThat(schema).contains(database);
    }
    // Both databases are created, set up and migrated with the versioned PostgreSQL schemas.
    assertThat(schema).contains("temporal-sql-tool --plugin postgres12", " create", "setup-schema -v 0.0",
        "update-schema -d", "/etc/temporal/schema/postgresql/v12", "temporal_visibility:visibility");
    // The server reads its dynamic config from the folder compose mounts.
    JsonNode temporal = compose.service("temporal");
    String file = ComposeFile.environment(temporal).get("DYNAMIC_CONFIG_FILE_PATH");
    String folder = hostFolderMountedAt(temporal, "/etc/temporal/config/dynamicconfig");
    assertThat(repository.path(folder).resolve(file.substring(file.lastIndexOf('/') + 1))).isRegularFile();
  }

  @Test
  void theNamespaceSetupRegistersStewardsSearchAttributes() {
    Map<String, String> expected = new LinkedHashMap<>();
    Matcher declared = ATTRIBUTE.matcher(
        repository.text("workflows/src/main/java/dev/steward/workflows/agent/SearchAttributeNames.java"));
    while (declared.find()) {
      // The SDK's Long attributes are Temporal's Int type.
      expected.put(declared.group(2), declared.group(1).equals("Long") ? "Int" : declared.group(1));
    }
    assertThat(expected).isNotEmpty();
    Map<String, String> registered = new LinkedHashMap<>();
    Matcher pair = REGISTERED.matcher(setupScript("temporal-namespace"));
    while (pair.find()) {
      registered.put(pair.group(1), pair.group(2));
    }
    assertThat(registered).isEqualTo(expected);
    assertThat(ComposeFile.environment(compose.service("temporal-namespace")))
        .containsEntry("TEMPORAL_NAMESPACE", ComposeFile.environment(compose.service("steward-worker"))
            .get("TEMPORAL_NAMESPACE"));
  }

  /** The text of the script a one-shot service runs, found through its bind mount. */
  private String setupScript(String serviceName) {
    JsonNode service = compose.service(serviceName);
    List<String> entrypoint = ComposeFile.words(service.path("entrypoint"));
    String inContainer = entrypoint.get(entrypoint.size() - 1);
    String mountPoint = inContainer.substring(0, inContainer.lastIndexOf('/'));
    String folder = hostFolderMountedAt(service, mountPoint);
    return repository.text(folder + inContainer.substring(mountPoint.length()));
  }

  /** The repository folder (short-syntax bind mount {@code ./x:/target[:ro]}) mounted at {@code target}. */
  private static String hostFolderMountedAt(JsonNode service, String target) {
    for (JsonNode volume : service.path("volumes")) {
      String[] parts = volume.asText().split(":");
      if (parts.length >= 2 && parts[0].startsWith("./") && parts[1].equals(target)) {
        return parts[0].substring(2);
      }
    }
    throw new AssertionError("no folder of the repository is mounted at " + target);
  }

  private static JsonNode bindMountAt(JsonNode service, String target) {
    for (JsonNode volume : service.path("volumes")) {
      if (volume.path("type").asText().equals("bind") && volume.path("target").asText().equals(target)) {
        return volume;
      }
    }
    return null;
  }

  private String readmeStackSection() {
    String readme = repository.text("README.md");
    int start = readme.indexOf("## A real Temporal server");
    assertThat(start).as("README has a section \"A real Temporal server\"").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
