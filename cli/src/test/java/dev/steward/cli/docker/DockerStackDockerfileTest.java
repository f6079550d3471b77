package dev.steward.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cli.docker.Dockerfile.Copy;
import dev.steward.cli.docker.Dockerfile.Instruction;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What can be known about the Dockerfile without a Docker engine: that the build would find its
 * files, that the dependency layer has every module, and that the image runs on a JVM with virtual
 * threads, can write large payloads, and checks its own health with things it contains.
 */
class DockerStackDockerfileTest {

  private static final Pattern GLOB = Pattern.compile("[*?\\[]");
  private static final Pattern TEMURIN = Pattern.compile("eclipse-temurin:(\\d+)[.\\d_]*-jre\\b.*");

  private final Repository repository = Repository.find();
  private final String text = repository.text("Dockerfile");
  private final Dockerfile dockerfile = Dockerfile.parse(text);

  @Test
  void everythingCopiedFromTheBuildContextExists() {
    for (Copy copy : dockerfile.copies()) {
      if (copy.from() != null) {
        continue;
      }
      for (String source : copy.sources()) {
        if (!GLOB.matcher(source).find()) {
          assertThat(repository.path(source)).as("COPY %s", source).exists();
        } else if (matches(source).isEmpty()) {
          // BuildKit copies nothing for a pattern that matches nothing. That is allowed only for the
          // POM of a module that is not merged yet (a plain path would fail the build until it is).
          assertThat(source).as("COPY %s matches nothing", source).matches("[a-z0-9\\[\\]-]+/pom\\.xml");
          assertThat(repository.modules()).as("module %s is listed but its POM pattern matches nothing", source)
              .noneMatch(module -> glob(source).matches(Path.of(module, "pom.xml")));
        }
      }
    }
  }

  @Test
  void theDependencyLayerHasThePomOfEveryModule() {
    Instruction firstBuild = dockerfile.instructions().stream()
        .filter(i -> i.keyword().equals("RUN") && i.arguments().contains("mvnw"))
        .findFirst().orElseThrow(() -> new AssertionError("no RUN ./mvnw in the Dockerfile"));
    int before = dockerfile.instructions().indexOf(firstBuild);
    List<Copy> layer = dockerfile.copies().stream()
        .filter(c -> c.from() == null && c.stage() == firstBuild.stage())
        .filter(c -> c.position() < before)
        .toList();
    assertThat(layer).as("COPY . . must come after the dependency layer")
        .noneMatch(c -> c.sources().contains("."));
    assertThat(layer.stream().flatMap(c -> c.sources().stream())).contains("pom.xml", "mvnw", ".mvn");
    for (String module : repository.modules()) {
      assertThat(layer).as("COPY %s/pom.xml %s/ before the first build", module, module)
          .anyMatch(c -> c.destination().replaceAll("/$", "").equals(module)
              && c.sources().stream().anyMatch(s -> glob(s).matches(Path.of(module, "pom.xml"))));
    }
  }

  @Test
  void noFailureIsHidden() {
    assertThat(text.replaceAll("\\s+", " ")).doesNotContain("|| true").doesNotContain("||true")
        .doesNotContain("|| :");
  }

  @Test
  void theRuntimeIsATemurinJreWithVirtualThreads() {
    Instruction from = dockerfile.all("FROM").get(dockerfile.all("FROM").size() - 1);
    Matcher image = TEMURIN.matcher(from.words().get(0));
    assertThat(image.matches()).as("runtime image %s is an eclipse-temurin JRE", from.arguments()).isTrue();
    assertThat(Integer.parseInt(image.group(1))).as("Java version of the runtime").isGreaterThanOrEqualTo(21);
  }

  @Test
  void largePayloadsHaveAWritableSharedDirectory() {
    String blobs = dockerfile.env("STEWARD_BLOB_DIR");
    assertThat(blobs).as("ENV STEWARD_BLOB_DIR").isNotBlank();
    assertThat(dockerfile.all("VOLUME")).as("VOLUME %s", blobs).anyMatch(v -> v.words().contains(blobs));
    String user = dockerfile.all("USER").get(dockerfile.all("USER").size() - 1).arguments();
    assertThat(user).isNotEqualTo("root");
    // The directory is made in the runtime stage and handed to the user the image runs as.
    List<String> runs = dockerfile.all("RUN").stream()
        .filter(r -> r.stage() == dockerfile.lastStage()).map(Instruction::arguments).toList();
    assertThat(runs).anyMatch(r -> r.contains("useradd") && r.contains(user));
    assertThat(runs).anyMatch(r -> r.contains("mkdir -p " + blobs));
    assertThat(runs).anyMatch(r -> r.contains("chown") && (r.contains(blobs) || blobs.startsWith(homeOf(r))));
  }

  @Test
  void theHealthCheckRunsAScriptTheImageContains() {
    List<Instruction> checks = dockerfile.all("HEALTHCHECK");
    assertThat(checks).hasSize(1);
    String command = checks.get(0).arguments().substring(checks.get(0).arguments().indexOf("CMD") + 3).strip();
    List<String> words = new Instruction(0, "CMD", command).words();
    assertThat(HealthCheckScript.find(repository, dockerfile, words.get(0)).handles(words.get(1)))
        .as("%s handles %s", words.get(0), words.get(1)).isTrue();
  }

  @Test
  void theHealthCheckNeedsOnlyWhatTheBaseImageShips() {
    // The eclipse-temurin Ubuntu images install curl (and wget) on top of Ubuntu's bash and
    // coreutils; their Alpine and UBI images differ, so the script's tools tie it to Ubuntu.
    String base = dockerfile.all("FROM").get(dockerfile.all("FROM").size() - 1).words().get(0);
    assertThat(base).as("runtime base image").matches(".*-(noble|jammy|resolute)");
    String script = HealthCheckScript.find(repository, dockerfile, "steward-healthcheck").text();
    assertThat(script).startsWith("#!/usr/bin/env bash\n");
  }

  @Test
  void everyVariableTheImageSetsIsOneStewardReads() {
    Set<String> unknown = new TreeSet<>(dockerfile.envNames());
    unknown.removeAll(StewardVariables.settings(repository));
    assertThat(unknown).as("variables the image sets that no Steward code reads").isEmpty();
  }

  private static String homeOf(String run) {
    Matcher home = Pattern.compile("--home-dir (\\S+)").matcher(run);
    return home.find() ? home.group(1) : "\0";
  }

  private static PathMatcher glob(String pattern) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  private List<Path> matches(String pattern) {
    PathMatcher matcher = glob(pattern);
    try (Stream<Path> files = Files.walk(repository.root(), pattern.split("/").length)) {
      return files.map(repository.root()::relativize).filter(matcher::matches).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
