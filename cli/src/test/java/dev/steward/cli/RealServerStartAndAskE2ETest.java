package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.AgentSpecJson;
import dev.steward.client.ClientSettings;
import dev.steward.client.StewardTimeoutException;
import dev.steward.client.spec.AgentFiles;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Update-with-start on the real Temporal server: a new agent gets its first message with its start
 * (the update is accepted in the agent's first workflow task), a running agent's id goes through
 * start's checks then ask, a bad spec starts nothing, and {@code steward run} answers that way too.
 */
@RealTemporal.Required
class RealServerStartAndAskE2ETest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AgentSpec SPEC = AgentFiles.parse("name: first\nmodel: {provider: scripted}\n", "first.yaml");
  /** Its first turn outlasts a short timeout: it sleeps (a durable timer) before it replies. */
  private static final AgentSpec NAPPER = AgentFiles.parse("""
      name: napper
      model:
        provider: scripted
        script:
          - steps:
              - tool_calls: [{tool: sleep, arguments: {duration: 3s}}]
              - reply: awake
      tools: [sleep]
      """, "napper.yaml");
  private static final List<String> calls = new CopyOnWriteArrayList<>();

  private static String address;
  private static String queue;
  private static StewardWorker worker;
  private static AgentClient connected;
  private static AgentClient client;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    address = RealTemporal.address();
    queue = RealTemporal.unique("steward-uws");
    worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(address).withTaskQueue(queue)).start();
    connected = AgentClient.connect(new ClientSettings(address, "default", queue));
    // The same connection and converter, with the client's calls recorded.
    WorkflowClient plain = connected.workflowClient();
    client = new AgentClient(WorkflowClient.newInstance(plain.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder(plain.getOptions()).setInterceptors(new Recorder()).build()), queue);
  }

  @AfterAll
  static void stop() {
    if (connected != null) {
      connected.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @BeforeEach
  void clear() {
    calls.clear();
  }

  @Test
  void aNewAgentIsStartedWithItsFirstMessage() {
    String id = RealTemporal.unique("uws-new");

    TurnOutcome outcome = client.startAndAsk(id, SPEC, "acme", UserMessage.of("hello"), WAIT);

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(TurnOutcome.Status.COMPLETED);
    assertThat(outcome.reply()).contains("hello");
    assertThat(calls).containsExactly("updateWithStart");
    // The update arrived with the start: accepted in the agent's very first workflow task.
    List<HistoryEvent> events = client.workflowClient().fetchHistory(id).getEvents();
    int accepted = indexOf(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    int firstCompleted = indexOf(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    assertThat(accepted).isGreaterThan(firstCompleted);
    assertThat(events.subList(firstCompleted + 1, accepted)).extracting(HistoryEvent::getEventType)
        .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    assertThat(client.snapshot(id).tenant()).isEqualTo("acme");
    client.stop(id, "test over");
  }

  @Test
  void aRunningAgentIsStillAnswered() {
    String id = RealTemporal.unique("uws-running");
    client.start(id, SPEC, "acme");
    calls.clear();

    TurnOutcome outcome = client.startAndAsk(id, SPEC, "acme", UserMessage.of("again"), WAIT);

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(TurnOutcome.Status.COMPLETED);
    assertThat(calls).containsSubsequence("updateWithStart", "start", "startUpdate");
    assertThat(client.snapshot(id).turn()).isEqualTo(1);
    client.stop(id, "test over");
  }

  @Test
  void aBadSpecStartsNothing() {
    String id = RealTemporal.unique("uws-bad");
    AgentSpec unpriced = AgentSpecJson.read("""
        {"name": "budget", "model": {"provider": "gemini", "id": "gemini-9"}, "limits": {"max_cost_usd": 1}}
        """);

    assertThatThrownBy(() -> client.startAndAsk(id, unpriced, "acme", UserMessage.of("hi"), WAIT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no known price");
    assertThat(calls).isEmpty();
    assertThatThrownBy(() -> client.snapshot(id)).isInstanceOf(AgentNotFoundException.class);
  }

  @Test
  void aNewAgentWhoseTurnOutlivesTheTimeoutSaysItTookTheMessage() {
    String id = RealTemporal.unique("uws-slow");

    StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
        () -> client.startAndAsk(id, NAPPER, "acme", UserMessage.of("nap first"), Duration.ofSeconds(1)));

    assertThat(e.accepted()).isTrue();
    assertThat(e).hasMessageContaining("accepted the message");
    await().atMost(WAIT).until(() -> client.snapshot(id).lastOutcome() != null);
    assertThat(client.snapshot(id).lastOutcome().reply()).isEqualTo("awake");
    client.stop(id, "test over");
  }

  @Test
  void aNewAgentWithoutAWorkerSaysTheMessageWasNotTaken() {
    String idle = RealTemporal.unique("no-worker-here");
    AgentClient nobodyHome = new AgentClient(connected.workflowClient(), idle);
    String id = RealTemporal.unique("uws-orphan");

    StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
        () -> nobodyHome.startAndAsk(id, SPEC, "acme", UserMessage.of("hello?"), Duration.ofSeconds(1)));

    assertThat(e.accepted()).isFalse();
    assertThat(e).hasMessageContaining(idle);
    connected.workflowClient().newUntypedWorkflowStub(id).terminate("test over");
  }

  @Test
  void stewardRunAnswersANewAgent() throws Exception {
    Path file = dir.resolve("runner.yaml");
    Files.writeString(file, "name: runner\nmodel: {provider: scripted}\n");

    CliRun run = CliRun.of("run", file.toString(), "say hi", "--no-worker", "--address", address, "--task-queue", queue);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("say hi");
  }

  private static int indexOf(List<HistoryEvent> events, EventType type) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType() == type) {
        return i;
      }
    }
    return -1;
  }

  /** Records the client's start, update-with-start and update calls by name. */
  private static final class Recorder extends WorkflowClientInterceptorBase {
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
