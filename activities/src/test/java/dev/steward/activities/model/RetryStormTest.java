package dev.steward.activities.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.network.NetworkPolicy;
import dev.steward.activities.model.stream.ModelCallWorkflow;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * 50 model calls through Temporal while 30% of first attempts fail with 429 or 500 and a
 * Retry-After: every call completes, each failure carries the provider's delay as its next retry
 * delay, and the provider sees exactly one request per attempt (no provider-side retries).
 */
class RetryStormTest {

  private static final int CALLS = 50;
  private static final Pattern CALL = Pattern.compile("storm call (\\d+)");

  @Test
  void stormOfRateLimitsAndServerErrorsIsRiddenOut() throws Exception {
    Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          Matcher m = CALL.matcher(request.getBody() == null ? "" : request.getBody().utf8());
          int call = m.find() ? Integer.parseInt(m.group(1)) : -1;
          if (call % 10 < 3 && failedOnce.add(call)) {
            return call % 2 == 0
                ? Sse.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                    "Retry-After", "7")
                : Sse.json(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}",
                    "retry-after-ms", "2500");
          }
          return Sse.data(
              "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,"
                  + "\"delta\":{\"role\":\"assistant\",\"content\":\"done " + call + "\"},\"finish_reason\":\"stop\"}]}",
              "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4.1\",\"choices\":[],"
                  + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}",
              "[DONE]");
        }
      });
      server.start();

      Queue<Duration> delays = new ConcurrentLinkedQueue<>();
      ModelActivitiesImpl real = new ModelActivitiesImpl(Map.of("KEY", "sk-storm", NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true")::get);
      ModelActivities recording = request -> {
        try {
          return real.complete(request);
        } catch (ApplicationFailure e) {
          delays.add(e.getNextRetryDelay());
          throw e;
        }
      };

      TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
      try {
        Worker worker = env.newWorker("storm");
        worker.registerWorkflowImplementationTypes(ModelCallWorkflow.Impl.class);
        worker.registerActivitiesImplementations(recording);
        env.start();
        WorkflowClient client = env.getWorkflowClient();
        ModelSpec spec = new ModelSpec("openai", "gpt-4.1", server.url("/v1").toString(), "KEY", null, null, 30, null, null);

        List<CompletableFuture<ModelResponse>> results = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
          ModelCallWorkflow wf = client.newWorkflowStub(ModelCallWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue("storm").setWorkflowId("storm-" + i).build());
          results.add(WorkflowClient.execute(wf::call, new ModelRequest("storm-" + i, 1, 1, spec, "",
              List.of(ChatMessage.user("storm call " + i)), List.of())));
        }
        for (int i = 0; i < CALLS; i++) {
          assertThat(results.get(i).get().text()).isEqualTo("done " + i);
        }
      } finally {
        env.close();
      }

      assertThat(failedOnce).hasSize(15);
      assertThat(delays).hasSize(15);
      assertThat(delays).containsOnly(Duration.ofSeconds(7), Duration.ofMillis(2500));
      assertThat(server.getRequestCount()).isEqualTo(CALLS + failedOnce.size());
    }
  }
}
