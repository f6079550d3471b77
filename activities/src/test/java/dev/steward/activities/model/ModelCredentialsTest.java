package dev.steward.activities.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.activities.model.stream.PartialReply;
import dev.steward.activities.secrets.Redactor;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's credential never leaves the model activity in a failure message. */
class ModelCredentialsTest {

  private static ModelRequest request(String provider, String credential) {
    return new ModelRequest("agent-1", 1, 1,
        new ModelSpec(provider, "gpt-4.1", "http://127.0.0.1:9/v1", credential, null, null, null, null, null),
        "", List.of(ChatMessage.user("Hi")), List.of());
  }

  @Test
  void aKeyWithALineBreakInsideIsRefusedNamingTheVariable() {
    ModelActivitiesImpl activities = new ModelActivitiesImpl(Map.of("SPLIT_MODEL_KEY", "sk-split-1234\r\nX: y",
        NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true")::get);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request("openai", "SPLIT_MODEL_KEY")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("SPLIT_MODEL_KEY").contains("line break")
        .doesNotContain("sk-split-1234");
  }

  @Test
  void aFailureThatEchoesTheKeyIsRedactedAndKeepsItsRetrySettings() {
    Redactor.worker().remember("ECHOED_MODEL_KEY", "sk-echoed-5678\n");
    ModelProvider echoing = new ModelProvider() {
      @Override
      public String name() {
        return "echoing";
      }

      @Override
      public ModelResponse complete(ModelRequest request, PartialReply partial) {
        throw ApplicationFailure.newBuilder().setType("RateLimited").setMessage("429: key sk-echoed-5678 is throttled")
            .setNextRetryDelay(Duration.ofSeconds(3)).build();
      }
    };

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> new ModelActivitiesImpl(List.of(echoing)).complete(request("echoing", "ECHOED_MODEL_KEY")));

    assertThat(failure.getOriginalMessage()).isEqualTo("429: key [redacted: ECHOED_MODEL_KEY] is throttled");
    assertThat(failure.getType()).isEqualTo("RateLimited");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
  }
}
