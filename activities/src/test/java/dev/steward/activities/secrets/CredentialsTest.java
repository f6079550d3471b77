package dev.steward.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void aTrailingLineBreakOfAMountedSecretIsTrimmed() {
    assertThat(Credentials.read(Map.of("K", "s3cr3t-value\n")::get, "K")).isEqualTo("s3cr3t-value");
    assertThat(Credentials.read(Map.of("K", "s3cr3t-value\r\n")::get, "K")).isEqualTo("s3cr3t-value");
  }

  @Test
  void aLineBreakInsideIsRefusedNamingTheVariableNeverTheValue() {
    assertThatThrownBy(() -> Credentials.read(Map.of("SPLIT_KEY", "first-half\r\nX-Evil: 1")::get, "SPLIT_KEY"))
        .isInstanceOf(Credentials.UnusableCredentialException.class)
        .hasMessageContaining("SPLIT_KEY").hasMessageContaining("line break")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("first-half").doesNotContain("X-Evil"));
  }

  @Test
  void unsetOrEmptyReadsAsNull() {
    assertThat(Credentials.read(Map.<String, String>of()::get, "NONE")).isNull();
    assertThat(Credentials.read(Map.of("E", "\n")::get, "E")).isNull();
  }
}
