package dev.steward.connection.telemetry;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.Optional;

/**
 * The one Micrometer registry of a Steward process, scraped in Prometheus' text format by the
 * worker's metrics endpoint and the gateway's {@code /metrics}. Steward's own meters always go here;
 * the Temporal SDK's meters (through its Tally scope) only once {@link #enableSdkMetrics()} was
 * called, because that scope runs a reporting thread a one-shot command does not need.
 */
public final class ProcessMetrics {

  /** How often the SDK's Tally scope hands its values to Micrometer, in seconds. */
  public static final int SDK_REPORT_SECONDS = 2;

  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static Scope sdkScope;

  private ProcessMetrics() {}

  /** The process's registry; never closed. */
  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /** Every meter in Prometheus' text exposition format. */
  public static String scrape() {
    return REGISTRY.scrape();
  }

  /**
   * Turns on the SDK's metrics for the Temporal connections this process opens from now on (a
   * worker's polls, task latencies, activity outcomes; a client's requests). Calling it twice does
   * nothing.
   */
  public static synchronized Scope enableSdkMetrics() {
    if (sdkScope == null) {
      sdkScope = new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(REGISTRY))
          .reportEvery(com.uber.m3.util.Duration.ofSeconds(SDK_REPORT_SECONDS));
    }
    return sdkScope;
  }

  /** The SDK's scope when {@link #enableSdkMetrics()} was called, for connections opened now. */
  public static synchronized Optional<Scope> sdkScope() {
    return Optional.ofNullable(sdkScope);
  }
}
