package dev.steward.connection.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which standard OpenTelemetry variables turn Steward's tracing on. */
class TracingTest {

  @Test
  void anOtlpEndpointOrAnExporterTurnsTracingOn() {
    assertThat(Tracing.wanted(Map.of())).isFalse();
    assertThat(Tracing.wanted(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"))).isTrue();
    assertThat(Tracing.wanted(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"))).isTrue();
    assertThat(Tracing.wanted(Map.of("OTEL_TRACES_EXPORTER", "console"))).isTrue();
    assertThat(Tracing.wanted(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isFalse();
  }

  @Test
  void noneOrADisabledSdkKeepsItOff() {
    assertThat(Tracing.wanted(Map.of("OTEL_TRACES_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"))).isFalse();
    assertThat(Tracing.wanted(Map.of("OTEL_SDK_DISABLED", "true",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"))).isFalse();
  }
}
