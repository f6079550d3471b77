package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void readsTheShortForms() {
    assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationConverter.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void readsIso8601() {
    assertThat(DurationConverter.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationConverter.parse("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void rejectsTheRest() {
    assertThatThrownBy(() -> DurationConverter.parse("5 minutes")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("e.g. 90s");
  }
}
