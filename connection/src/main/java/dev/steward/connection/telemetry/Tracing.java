package dev.steward.connection.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.Map;
import java.util.Optional;

/**
 * OpenTelemetry tracing for a Steward process, through Temporal's OpenTracing interceptors and the
 * OpenTelemetry OpenTracing shim: one trace runs from a client's call (e.g. {@code ask}) through the
 * agent's workflow to its model and tool activities and its sub-agents.
 *
 * <p>Off unless the standard OpenTelemetry variables ask for it: {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * (or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) set, or {@code OTEL_TRACES_EXPORTER} set to an
 * exporter other than {@code none}; {@code OTEL_SDK_DISABLED=true} keeps it off. Every other
 * {@code OTEL_*} variable (service name, resource attributes, sampler, headers, protocol) is read by
 * the OpenTelemetry SDK's autoconfiguration. Off, no interceptor is installed at all.
 */
public final class Tracing {

  private static OpenTelemetry installed;
  private static boolean resolved;

  private Tracing() {}

  /**
   * Uses this OpenTelemetry for the process's Temporal clients and workers created from now on,
   * whatever the variables say; for applications that configure OpenTelemetry themselves, and tests.
   */
  public static synchronized void install(OpenTelemetry openTelemetry) {
    installed = openTelemetry;
    resolved = true;
  }

  /** Forgets an {@link #install}ed OpenTelemetry: the variables decide again. */
  public static synchronized void reset() {
    installed = null;
    resolved = false;
  }

  /** The OpenTelemetry in use, or empty when tracing is off. */
  public static synchronized Optional<OpenTelemetry> openTelemetry() {
    if (!resolved) {
      resolved = true;
      if (wanted(System.getenv())) {
        installed = AutoConfiguredOpenTelemetrySdk.builder()
            // Defaults below the variables: traces only (metrics go to Prometheus), named after Steward.
            .addPropertiesSupplier(() -> Map.of(
                "otel.service.name", "steward",
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none"))
            .build()
            .getOpenTelemetrySdk();
      }
    }
    return Optional.ofNullable(installed);
  }

  /** Whether the variables turn tracing on (see the class comment). */
  public static boolean wanted(Map<String, String> env) {
    if ("true".equalsIgnoreCase(trimmed(env.get("OTEL_SDK_DISABLED")))) {
      return false;
    }
    String exporter = trimmed(env.get("OTEL_TRACES_EXPORTER"));
    if (exporter != null) {
      return !exporter.equalsIgnoreCase("none");
    }
    return trimmed(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")) != null
        || trimmed(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) != null;
  }

  /** The client interceptors to install: Temporal's tracing one when tracing is on, else none. */
  public static WorkflowClientInterceptor[] clientInterceptors() {
    return options().map(o -> new WorkflowClientInterceptor[] {new OpenTracingClientInterceptor(o)})
        .orElseGet(() -> new WorkflowClientInterceptor[0]);
  }

  /** Temporal's tracing worker interceptor when tracing is on. */
  public static Optional<WorkerInterceptor> workerInterceptor() {
    return options().map(OpenTracingWorkerInterceptor::new);
  }

  private static Optional<OpenTracingOptions> options() {
    return openTelemetry().map(otel -> OpenTracingOptions.newBuilder()
        .setTracer(OpenTracingShim.createTracerShim(otel))
        .build());
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
