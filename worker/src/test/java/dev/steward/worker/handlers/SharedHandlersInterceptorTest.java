package dev.steward.worker.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workflows whose handlers are registered through {@link SharedHandlersInterceptor} behave as with
 * the SDK's own registrations: each signal, update, validator and query reaches its own workflow
 * object, errors come back the same, the handlers are listed the same; and the registrations the
 * SDK receives are one set for the class, not one per workflow.
 */
class SharedHandlersInterceptorTest {

  private static final String SHARED_QUEUE = "shared-handlers";
  private static final String PLAIN_QUEUE = "sdk-handlers";

  /** What each workflow's registrations looked like below the interceptor, by workflow id. */
  private static final Map<String, List<Object>> REGISTERED = new ConcurrentHashMap<>();

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
      TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  private final List<WorkerFactory> factories = new ArrayList<>();

  /** A counter with a handler of every kind. */
  @WorkflowInterface
  public interface Counter {
    @WorkflowMethod
    int run();

    @SignalMethod(name = "add", description = "adds to the count")
    void add(int amount);

    @SignalMethod
    void stop();

    @UpdateMethod(name = "set", description = "sets the count, returns the old one")
    int set(int value);

    @UpdateValidatorMethod(updateName = "set")
    void validateSet(int value);

    @UpdateMethod
    String reset();

    @QueryMethod(name = "value")
    int value();

    @QueryMethod
    String describe(String prefix, int times);

    @QueryMethod
    int broken();
  }

  /** A handler the workflow registers itself, after it started. */
  public interface Extra {
    @QueryMethod(name = "extra")
    String extra();
  }

  public static class CounterImpl implements Counter {
    private int count;
    private boolean stopped;

    @Override
    public int run() {
      Workflow.registerListener((Extra) () -> "extra " + count);
      Workflow.await(() -> stopped);
      return count;
    }

    @Override
    public void add(int amount) {
      count += amount;
    }

    @Override
    public void stop() {
      stopped = true;
    }

    @Override
    public int set(int value) {
      int old = count;
      count = value;
      return old;
    }

    @Override
    public void validateSet(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("value must not be negative: " + value);
      }
    }

    @Override
    public String reset() {
      count = 0;
      return "reset";
    }

    @Override
    public int value() {
      return count;
    }

    @Override
    public String describe(String prefix, int times) {
      return (prefix + count).repeat(times);
    }

    @Override
    public int broken() {
      throw new IllegalStateException("this query always fails");
    }
  }

  @AfterEach
  void close() {
    factories.forEach(WorkerFactory::shutdownNow);
    env.close();
  }

  @Test
  void eachHandlerReachesItsOwnWorkflowAsWithTheSdksRegistrations() {
    start(SHARED_QUEUE, new SharedHandlersInterceptor(), new Recorder());
    Counter a = counter("a", SHARED_QUEUE);
    Counter b = counter("b", SHARED_QUEUE);

    a.add(2);
    b.add(5);
    // A signal and a later update may land in one workflow task in either order; wait for the signals.
    await().atMost(Duration.ofSeconds(10)).until(() -> a.value() == 2 && b.value() == 5);
    assertThat(a.set(10)).isEqualTo(2);

    assertThat(a.value()).isEqualTo(10);
    assertThat(b.value()).isEqualTo(5);
    assertThat(b.describe("n=", 2)).isEqualTo("n=5n=5");
    assertThatThrownBy(() -> b.set(-1)).isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("value must not be negative: -1");
    assertThat(b.value()).as("a rejected update changes nothing").isEqualTo(5);
    assertThatThrownBy(b::broken).isInstanceOf(WorkflowQueryException.class)
        .hasStackTraceContaining("this query always fails");
    assertThat(b.reset()).isEqualTo("reset");
    assertThat(b.value()).isZero();
    assertThat(env.getWorkflowClient().newUntypedWorkflowStub("a").query("extra", String.class)).isEqualTo("extra 10");

    a.stop();
    b.stop();
    assertThat(env.getWorkflowClient().newUntypedWorkflowStub("a").getResult(Integer.class)).isEqualTo(10);
  }

  @Test
  void workflowsOfOneClassShareOneSetOfRegistrations() {
    start(SHARED_QUEUE, new SharedHandlersInterceptor(), new Recorder());
    Counter a = counter("one", SHARED_QUEUE);
    Counter b = counter("two", SHARED_QUEUE);
    // An update waits for the workflow task that registered the handlers.
    assertThat(a.set(1) + b.set(1)).isZero();
    assertThat(env.getWorkflowClient().newUntypedWorkflowStub("two").query("extra", String.class)).isEqualTo("extra 1");

    List<Object> one = REGISTERED.get("one");
    List<Object> two = REGISTERED.get("two");
    // 3 queries, 2 signals, 2 updates, then the query the workflow registers itself.
    assertThat(one).hasSize(8).hasSameSizeAs(two);
    for (int i = 0; i < 7; i++) {
      assertThat(two.get(i)).as("registration %d", i).isSameAs(one.get(i));
    }
    assertThat(two.get(7)).as("the workflow's own registerListener passes through").isNotSameAs(one.get(7));
  }

  @Test
  void listsTheSameHandlersAsTheSdk() {
    start(SHARED_QUEUE, new SharedHandlersInterceptor());
    start(PLAIN_QUEUE);
    Counter shared = counter("listed-shared", SHARED_QUEUE);
    Counter plain = counter("listed-plain", PLAIN_QUEUE);
    assertThat(shared.set(1) + plain.set(1)).isZero();

    assertThat(handlers("listed-shared")).isEqualTo(handlers("listed-plain")).contains("signal add: adds to the count",
        "update set: sets the count, returns the old one", "query value: ", "query extra: ");
    shared.stop();
    plain.stop();
  }

  private List<String> handlers(String workflowId) {
    WorkflowMetadata metadata = env.getWorkflowClient().newUntypedWorkflowStub(workflowId).query("__temporal_workflow_metadata", WorkflowMetadata.class);
    List<String> all = new ArrayList<>();
    metadata.getDefinition().getSignalDefinitionsList().forEach(d -> all.add("signal " + d.getName() + ": " + d.getDescription()));
    metadata.getDefinition().getUpdateDefinitionsList().forEach(d -> all.add("update " + d.getName() + ": " + d.getDescription()));
    metadata.getDefinition().getQueryDefinitionsList().forEach(d -> all.add("query " + d.getName() + ": " + d.getDescription()));
    return all.stream().sorted(Comparator.naturalOrder()).collect(Collectors.toList());
  }

  private void start(String queue, WorkerInterceptor... interceptors) {
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient(),
        WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build());
    factory.newWorker(queue).registerWorkflowImplementationTypes(CounterImpl.class);
    factory.start();
    factories.add(factory);
  }

  private Counter counter(String id, String queue) {
    Counter counter = env.getWorkflowClient().newWorkflowStub(Counter.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(queue).build());
    WorkflowClient.start(counter::run);
    return counter;
  }

  /** Records the registrations that reach the interceptors below the shared-handlers one. */
  private static final class Recorder extends WorkerInterceptorBase {
    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
      return new WorkflowInboundCallsInterceptorBase(next) {
        @Override
        public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
          super.init(new WorkflowOutboundCallsInterceptorBase(outboundCalls) {
            @Override
            public void registerQuery(RegisterQueryInput input) {
              record(input);
              super.registerQuery(input);
            }

            @Override
            public void registerSignalHandlers(RegisterSignalHandlersInput input) {
              input.getRequests().forEach(Recorder::record);
              super.registerSignalHandlers(input);
            }

            @Override
            public void registerUpdateHandlers(RegisterUpdateHandlersInput input) {
              input.getRequests().forEach(Recorder::record);
              super.registerUpdateHandlers(input);
            }
          });
        }
      };
    }

    private static void record(Object registration) {
      REGISTERED.computeIfAbsent(Workflow.getInfo().getWorkflowId(), id -> new ArrayList<>()).add(registration);
    }
  }
}
