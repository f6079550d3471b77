package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AgentClient#startAndAsk}: a new agent gets its first message with its start (update-with-start,
 * on the embedded test server, which implements it); a taken id goes through start's checks, then ask.
 * The client's calls to Temporal are recorded by an SDK interceptor, so the test sees which way was taken.
 */
class StartAndAskTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AgentSpec SPEC = AgentFiles.parse("""
      name: first
      model: {provider: scripted}
      """, "first.yaml");

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private ClientTestKit kit;
  private AgentClient client;

  @BeforeEach
  void setUp() {
    kit = new ClientTestKit();
    WorkflowClientOptions recorded = WorkflowClientOptions.newBuilder(kit.env.getWorkflowClient().getOptions())
        .setInterceptors(new Recorder()).build();
    client = new AgentClient(WorkflowClient.newInstance(kit.env.getWorkflowServiceStubs(), recorded), ClientTestKit.QUEUE);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  @Test
  void aNewAgentIsStartedAndAnsweredInOneCall() {
    String id = AgentClient.agentIdFor(null, SPEC);

    TurnOutcome outcome = client.startAndAsk(id, SPEC, "acme", UserMessage.of("hello"), WAIT);

    assertThat(id).matches("agent-first-[0-9a-f]{8}");
    assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
    assertThat(outcome.reply()).isEqualTo("re: hello");
    assertThat(calls).containsExactly("updateWithStart");
    assertThat(client.snapshot(id).tenant()).isEqualTo("acme");
    assertThat(client.snapshot(id).turn()).isEqualTo(1);
    assertThat(client.snapshot(id).status()).isEqualTo(AgentStatus.IDLE);
  }

  @Test
  void aRunningAgentWithTheSameSpecIsAskedAfterStartsChecks() {
    client.start("kept", SPEC, "acme");
    calls.clear();

    TurnOutcome outcome = client.startAndAsk("kept", SPEC, "acme", UserMessage.of("again"), WAIT);

    assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
    assertThat(outcome.reply()).isEqualTo("re: again");
    // Update-with-start is refused (the id is taken), nothing was delivered; start's checks, then ask.
    assertThat(calls).containsSubsequence("updateWithStart", "start", "startUpdate");
    assertThat(client.snapshot("kept").turn()).isEqualTo(1);
  }

  @Test
  void aTakenIdIsRefusedAsStartRefusesIt() {
    client.start("kept", SPEC, "acme");
    AgentSpec other = AgentFiles.parse("name: other\nmodel: {provider: scripted}\n", "other.yaml");

    assertThatThrownBy(() -> client.startAndAsk("kept", other, "acme", UserMessage.of("hi"), WAIT))
        .isInstanceOf(AgentAlreadyExistsException.class);
    assertThatThrownBy(() -> client.startAndAsk("kept", SPEC, "globex", UserMessage.of("hi"), WAIT))
        .isInstanceOf(AgentIdUnavailableException.class);
    assertThat(client.snapshot("kept").turn()).isZero();
  }

  @Test
  void aBadSpecIsRefusedBeforeAnythingStarts() {
    AgentSpec unpriced = AgentSpecJson.read("""
        {"name": "budget", "model": {"provider": "gemini", "id": "gemini-9"}, "limits": {"max_cost_usd": 1}}
        """);

    assertThatThrownBy(() -> client.startAndAsk("budget", unpriced, "acme", UserMessage.of("hi"), WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("model: gemini/gemini-9 has no known price");
    assertThatThrownBy(() -> client.startAndAsk("empty", SPEC, "acme", UserMessage.of(" "), WAIT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(calls).isEmpty();
    assertThatThrownBy(() -> client.snapshot("budget")).isInstanceOf(AgentNotFoundException.class);
    assertThatThrownBy(() -> client.snapshot("empty")).isInstanceOf(AgentNotFoundException.class);
  }

  /** Records the client's start, update-with-start and update calls by name. */
  private final class Recorder extends WorkflowClientInterceptorBase {
    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
      return new WorkflowClientCallsInterceptorBase(next) {
        @Override
        public WorkflowStartOutput start(WorkflowStartInput input) {
          calls.add("start");
          return super.start(input);
        }

        @Override
        public <R> WorkflowUpdateWithStartOutput<R> updateWithStart(WorkflowUpdateWithStartInput<R> input) {
          calls.add("updateWithStart");
          return super.updateWithStart(input);
        }

        @Override
        public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
          calls.add("startUpdate");
          return super.startUpdate(input);
        }
      };
    }
  }
}
