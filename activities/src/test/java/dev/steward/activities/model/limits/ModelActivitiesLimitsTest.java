package dev.steward.activities.model.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.activities.model.ModelProvider;
import dev.steward.activities.model.stream.PartialReply;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limits as the model activity applies them: before the provider is called, never around it. */
class ModelActivitiesLimitsTest {

  private final BlockingModel provider = new BlockingModel();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    provider.finish.release(1_000);
    pool.shutdownNow();
  }

  @Test
  void noMoreThanTheConcurrencyLimitReachTheProviderAndOtherModelsAreNotHeldUp() throws Exception {
    ModelActivitiesImpl activities = new ModelActivitiesImpl(List.of(provider),
        new ModelRateLimits(ModelLimits.parse("fake/slow=concurrency:3"), System::nanoTime, Duration.ofMillis(5)));
    List<Future<ModelResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(pool.submit(() -> activities.complete(request("slow"))));
    }

    // Three calls get in; each that finishes lets exactly one more in.
    provider.entered.acquire(3);
    assertThat(activities.complete(request("quick")).text()).isEqualTo("quick");
    for (int i = 0; i < 7; i++) {
      provider.finish.release();
      provider.entered.acquire();
    }
    provider.finish.release(3);
    for (Future<ModelResponse> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS).text()).isEqualTo("slow");
    }

    assertThat(provider.calls).hasValue(11);
    assertThat(provider.maxInFlight).hasValue(3);
  }

  @Test
  void aCallWaitingForItsLimitHeartbeatsAndStopsWhenCancelledWithoutCallingTheModel() {
    ModelRateLimits limits = new ModelRateLimits(ModelLimits.parse("fake/*=concurrency:1"), System::nanoTime,
        Duration.ofMillis(50));
    ModelRateLimits.Permit held = limits.acquire("fake/slow", null, ModelRateLimits.Waiting.NONE);
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new ModelActivitiesImpl(List.of(provider), limits));
      AtomicInteger heartbeats = new AtomicInteger();
      env.setActivityHeartbeatListener(String.class, details -> {
        heartbeats.incrementAndGet();
        assertThat(details).isEmpty();
        env.requestCancelActivity();
      });
      ModelActivities model = env.newActivityStub(ModelActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());

      Throwable failure = catchThrowable(() -> model.complete(request("slow")));

      assertThat(failure).isInstanceOf(CanceledFailure.class);
      assertThat(heartbeats).hasPositiveValue();
      assertThat(provider.calls).hasValue(0);
      assertThat(limits.running("fake/slow")).isEqualTo(1);
    } finally {
      held.close();
      env.close();
    }
  }

  private static ModelRequest request(String id) {
    ModelSpec spec = new ModelSpec("fake", id, null, null, null, null, null, null, null);
    return new ModelRequest("agent-1", 1, 1, spec, "", List.of(ChatMessage.user("Hi")), List.of());
  }

  /** Answers with the model id; calls to {@code fake/slow} stay in flight until the test lets one finish. */
  private static final class BlockingModel implements ModelProvider {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final Semaphore entered = new Semaphore(0);
    final Semaphore finish = new Semaphore(0);

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public ModelResponse complete(ModelRequest request, PartialReply partial) {
      calls.incrementAndGet();
      if (!request.model().id().equals("slow")) {
        return new ModelResponse(request.model().id(), List.of(), TokenUsage.ZERO);
      }
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      entered.release();
      try {
        finish.acquireUninterruptibly();
        return new ModelResponse("slow", List.of(), TokenUsage.ZERO);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
