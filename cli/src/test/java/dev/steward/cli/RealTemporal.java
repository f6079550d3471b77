package dev.steward.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The real Temporal server the real-server suite runs against: the {@code temporal} CLI's dev
 * server, started by {@code .ci/with-temporal-server} (CI always does), which names it in
 * {@value #ADDRESS_VARIABLE} and its Web UI in {@value #UI_VARIABLE}. Tests marked
 * {@link Required} are skipped, saying so, when it is not set.
 */
final class RealTemporal {

  static final String ADDRESS_VARIABLE = "STEWARD_IT_TEMPORAL_ADDRESS";
  static final String UI_VARIABLE = "STEWARD_IT_TEMPORAL_UI";

  private RealTemporal() {}

  /** Marks a test class that needs the real server. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Tag("real-server")
  @EnabledIfEnvironmentVariable(named = ADDRESS_VARIABLE, matches = ".+",
      disabledReason = "needs a real Temporal server: set " + ADDRESS_VARIABLE + "=host:port, or run the tests"
          + " through .ci/with-temporal-server")
  @interface Required {}

  /** The server's address, {@code host:port}. */
  static String address() {
    return System.getenv(ADDRESS_VARIABLE).strip();
  }

  /** The Web UI's base URL, or null when the server runs without one. */
  static String ui() {
    String ui = System.getenv(UI_VARIABLE);
    return ui == null || ui.isBlank() ? null : ui.strip().replaceAll("/+$", "");
  }

  /**
   * A name no earlier run used: the server may outlive a test run (a developer's own), so every
   * test keeps to its own task queue and agent ids.
   */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
