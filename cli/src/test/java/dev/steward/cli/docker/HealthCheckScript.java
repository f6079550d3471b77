package dev.steward.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cli.docker.Dockerfile.Copy;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

/** The script a health check command runs: the file the Dockerfile installs under that name. */
record HealthCheckScript(String source, String text) {

  /** Where the runtime image looks up commands by name; the Dockerfile sets no PATH of its own. */
  private static final List<String> PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin");

  /** The script the runtime stage copies from the build context to a PATH folder as {@code command}. */
  static HealthCheckScript find(Repository repository, Dockerfile dockerfile, String command) {
    Copy copy = dockerfile.copies().stream()
        .filter(c -> c.stage() == dockerfile.lastStage() && c.from() == null && c.sources().size() == 1)
        .filter(c -> PATH.stream().anyMatch(dir -> c.destination().equals(dir + "/" + command)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the runtime stage installs no " + command + " on the PATH"));
    String source = copy.sources().get(0);
    assertThat(repository.path(source)).as("health check script").isRegularFile();
    assertThat(copy.flags().contains("--chmod=755") || Files.isExecutable(repository.path(source)))
        .as("%s is executable in the image", source).isTrue();
    return new HealthCheckScript(source, repository.text(source));
  }

  /** Whether the script has a {@code case} branch for this argument. */
  boolean handles(String argument) {
    return Pattern.compile("(?m)^\\s*" + Pattern.quote(argument) + "\\)").matcher(text).find();
  }
}
