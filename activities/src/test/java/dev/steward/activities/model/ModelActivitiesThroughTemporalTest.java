package dev.steward.activities.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model activity as the workflow sees it: through Temporal's data converter and failure chain. */
class ModelActivitiesThroughTemporalTest {

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final MockWebServer server = new MockWebServer();
  private ModelActivities model;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    env.registerActivitiesImplementations(new ModelActivitiesImpl(Map.of("KEY", "sk-1", NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true")::get));
    model = env.newActivityStub(ModelActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
    server.close();
  }

  @Test
  void scriptedReplyRoundTrips() {
    ModelSpec spec = new ModelSpec("scripted", "demo", null, null, null, null, null, null,
        List.of(new ScriptedTurn(null, List.of(new ScriptedStep("Hello {{input}}", List.of())))));

    ModelResponse response = model.complete(new ModelRequest("a", 1, 1, spec, "", List.of(ChatMessage.user("Ada")),
        List.of(ToolSpec.of("current_time"))));

    assertThat(response.text()).isEqualTo("Hello Ada");
  }

  @Test
  void rateLimitReachesTheWorkflowWithItsRetryDelay() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
        .body("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}").build());
    ModelSpec spec = new ModelSpec("openai", "gpt-4.1", server.url("/v1").toString(), "KEY", null, null, null, null, null);

    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class,
        () -> model.complete(new ModelRequest("a", 1, 1, spec, "", List.of(ChatMessage.user("Hi")), List.of())));

    assertThat(failure.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, cause -> {
      assertThat(cause.getType()).isEqualTo("ModelRateLimited");
      assertThat(cause.isNonRetryable()).isFalse();
      assertThat(cause.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    });
  }
}
