package dev.steward.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor redactor = new Redactor();

  @Test
  void replacesTheValueAsReadAndTrimmedWithItsName() {
    redactor.remember("API_TOKEN", "tok-123456\n");

    assertThat(redactor.redact("header was 'Bearer tok-123456\n' and then tok-123456 again"))
        .isEqualTo("header was 'Bearer [redacted: API_TOKEN]' and then [redacted: API_TOKEN] again");
  }

  @Test
  void shortValuesAreLeftAlone() {
    redactor.remember("PIN", "ab");
    assertThat(redactor.redact("a tab and a cab")).isEqualTo("a tab and a cab");
  }

  @Test
  void aFailureThatMentionsASecretIsCopiedWithItsTypeAndRetrySettings() {
    redactor.remember("KEY", "sk-live-999");
    ApplicationFailure failure = ApplicationFailure.newBuilder().setType("RateLimited").setMessage("echo sk-live-999")
        .setNextRetryDelay(Duration.ofSeconds(7)).setCause(new IllegalStateException("inner sk-live-999")).build();

    RuntimeException out = redactor.scrub(failure);

    assertThat(out).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure copy = (ApplicationFailure) out;
    assertThat(copy.getType()).isEqualTo("RateLimited");
    assertThat(copy.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(copy.getOriginalMessage()).isEqualTo("echo [redacted: KEY]");
    assertThat(((ApplicationFailure) copy.getCause()).getOriginalMessage()).isEqualTo("inner [redacted: KEY]");
    assertThat(copy.getCause()).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) copy.getCause()).getType()).isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void aFailureWithoutSecretsIsLeftAsItIs() {
    redactor.remember("KEY", "sk-live-999");
    IllegalStateException plain = new IllegalStateException("nothing here");
    assertThat(redactor.scrub(plain)).isSameAs(plain);
  }
}
