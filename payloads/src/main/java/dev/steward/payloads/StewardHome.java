package dev.steward.payloads;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one folder where Steward keeps what it stores on this machine (blobs, the dev server's
 * database): {@code STEWARD_HOME}, else {@code $HOME/.steward}, else the JVM's {@code user.home}.
 */
public final class StewardHome {

  public static final String VARIABLE = "STEWARD_HOME";

  private StewardHome() {}

  public static Path directory() {
    return directory(System.getenv());
  }

  public static Path directory(Map<String, String> env) {
    String home = env.get(VARIABLE);
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    String user = env.get("HOME");
    return Path.of(user != null && !user.isBlank() ? user : System.getProperty("user.home"), ".steward");
  }
}
