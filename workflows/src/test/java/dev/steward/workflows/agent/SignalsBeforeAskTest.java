package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.update.v1.UpdateRef;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signals a client sent before an {@code ask} come before the ask's turn, also when both reach the
 * agent in one workflow task and the SDK runs the ask's handler first (change id
 * {@code ask-after-signals-of-its-task}). The worker starts only once the signal and the ask wait
 * in the agent's first task: the server orders the ask by the task's scheduled event, which the
 * signal follows, so the SDK hands the ask to its handler before the signal to its.
 */
class SignalsBeforeAskTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  static final AgentSpec FIRST_EDITION = AgentTestKit.spec();
  static final AgentSpec SECOND_EDITION = new AgentSpec("tester-v2", "You test things, second edition.",
      FIRST_EDITION.model(), FIRST_EDITION.tools(), FIRST_EDITION.limits(), FIRST_EDITION.approval(),
      FIRST_EDITION.inbox());

  @Test
  void aSpecUpdateSentBeforeAnAskAppliesToItsTurn() throws Exception {
    FakeModel model = FakeModel.echo();
    try (AgentTestKit kit = AgentTestKit.withWorkersLater(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-spec-then-ask", FIRST_EDITION);
      agent.updateSpec(SECOND_EDITION);

      CompletableFuture<TurnOutcome> asked = askOnceAdmitted(kit, "a-spec-then-ask", "hello");
      kit.startWorkers(true);

      assertTheTurnRanWithTheSecondEdition(asked, model, agent);
    }
  }

  @Test
  void aMessageSentBeforeAnAskIsTakenFirst() throws Exception {
    try (AgentTestKit kit = AgentTestKit.withWorkersLater(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-send-then-ask", AgentTestKit.spec());
      agent.send(UserMessage.of("first"));

      CompletableFuture<TurnOutcome> asked = askOnceAdmitted(kit, "a-send-then-ask", "second");
      kit.startWorkers(true);

      assertThat(asked.get(WAIT.toSeconds(), TimeUnit.SECONDS).reply()).isEqualTo("re: second");
      assertThat(agent.transcript(1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(TranscriptEntry::text).containsExactly("first", "second");
    }
  }

  @Test
  void aStopSentBeforeAnAskAnswersTheAskAndEndsTheRun() throws Exception {
    try (AgentTestKit kit = AgentTestKit.withWorkersLater(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-stop-then-ask", AgentTestKit.spec());
      agent.stop("closing time");

      CompletableFuture<TurnOutcome> asked = askOnceAdmitted(kit, "a-stop-then-ask", "one more?");
      kit.startWorkers(true);

      assertThat(asked.get(WAIT.toSeconds(), TimeUnit.SECONDS).completed()).isFalse();
      assertThat(kit.untyped("a-stop-then-ask").getResult(AgentResult.class)).isNotNull();
    }
  }

  /**
   * Two asks of one message (a client that retried under another update id) in one task: the one
   * the SDK hands over first takes the message, the other is refused, as it would be a task later,
   * and neither waits forever.
   */
  @Test
  void aSecondAskOfTheSameMessageInTheTaskIsRefused() throws Exception {
    try (AgentTestKit kit = AgentTestKit.withWorkersLater(FakeModel.echo(), FakeTools.named())) {
      kit.start("a-retried-ask", AgentTestKit.spec());
      UserMessage once = new UserMessage("m-1", "once", null);
      CompletableFuture<TurnOutcome> first = askOnceAdmitted(kit, "a-retried-ask", "first", once);
      CompletableFuture<TurnOutcome> second = askOnceAdmitted(kit, "a-retried-ask", "second", once);
      kit.startWorkers(true);

      List<Object> results = new ArrayList<>();
      for (CompletableFuture<TurnOutcome> asked : List.of(first, second)) {
        try {
          results.add(asked.get(WAIT.toSeconds(), TimeUnit.SECONDS).reply());
        } catch (ExecutionException e) {
          results.add(e.getCause());
        }
      }
      assertThat(results).filteredOn("re: once"::equals).hasSize(1);
      assertThat(results).filteredOn(WorkflowUpdateException.class::isInstance).singleElement()
          .satisfies(e -> assertThat(((Throwable) e).getCause()).hasMessageContaining("message 'm-1' was already received"));
    }
  }

  /**
   * The same for an agent that waits idle after a turn, where the ask may run its turn on its
   * handler. Held back in one task, the signal and the ask reach a worker that has not kept the
   * agent (a worker that had could not be held back), which replays the history; that worker's SDK
   * hands the signal to its handler first here, and the agent must take both as a cached worker would.
   */
  @Test
  void aSpecUpdateSentBeforeAnAskToAnIdleAgentAppliesToItsTurn() throws Exception {
    FakeModel model = FakeModel.echo();
    try (AgentTestKit kit = AgentTestKit.withWorkersLater(model, FakeTools.named())) {
      AgentWorkflow agent = idleAfterOneTurn(kit, "an-idle-spec-then-ask");
      agent.updateSpec(SECOND_EDITION);

      CompletableFuture<TurnOutcome> asked = askOnceAdmitted(kit, "an-idle-spec-then-ask", "hello again");
      kit.startWorkers(false);

      assertTheTurnRanWithTheSecondEdition(asked, model, agent);
    }
  }

  /**
   * A stop before the ask, to an idle agent: the root waits for the ask to take its message before
   * it ends the run, so the ask, which Temporal has accepted, is answered.
   */
  @Test
  void aStopSentBeforeAnAskToAnIdleAgentAnswersTheAsk() throws Exception {
    try (AgentTestKit kit = AgentTestKit.withWorkersLater(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = idleAfterOneTurn(kit, "an-idle-stop-then-ask");
      agent.stop("closing time");

      CompletableFuture<TurnOutcome> asked = askOnceAdmitted(kit, "an-idle-stop-then-ask", "one more?");
      kit.startWorkers(false);

      assertThat(asked.get(WAIT.toSeconds(), TimeUnit.SECONDS).completed()).isFalse();
      assertThat(kit.untyped("an-idle-stop-then-ask").getResult(AgentResult.class)).isNotNull();
    }
  }

  /**
   * An agent that ran one turn and waits, its worker stopped, and a workflow task already scheduled
   * (by a blank message, which the agent ignores) for what is sent next to follow.
   */
  private static AgentWorkflow idleAfterOneTurn(AgentTestKit kit, String agentId) {
    kit.startWorkers(false);
    AgentWorkflow agent = kit.start(agentId, AgentTestKit.spec());
    assertThat(agent.ask(UserMessage.of("hello")).completed()).isTrue();
    kit.stopWorkers();
    agent.send(UserMessage.of(" "));
    return agent;
  }

  /** Sends an ask and returns once the server holds it for the agent's next workflow task. */
  static CompletableFuture<TurnOutcome> askOnceAdmitted(AgentTestKit kit, String agentId, String text) {
    return askOnceAdmitted(kit, agentId, "ask", UserMessage.of(text));
  }

  /** The same, for a message of its own under an update id that ends in {@code updateName}. */
  private static CompletableFuture<TurnOutcome> askOnceAdmitted(AgentTestKit kit, String agentId, String updateName,
      UserMessage message) {
    String updateId = agentId + "-" + updateName;
    CompletableFuture<TurnOutcome> asked = CompletableFuture.supplyAsync(() -> kit.untyped(agentId).startUpdate(
        UpdateOptions.newBuilder(TurnOutcome.class).setUpdateName("ask").setUpdateId(updateId)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(), message).getResult());
    PollWorkflowExecutionUpdateRequest admitted = PollWorkflowExecutionUpdateRequest.newBuilder()
        .setNamespace(kit.client.getOptions().getNamespace())
        .setUpdateRef(UpdateRef.newBuilder().setUpdateId(updateId)
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(agentId)))
        .build();
    // Unknown until the server has it: NOT_FOUND.
    await().atMost(WAIT).ignoreExceptions().until(() ->
        kit.client.getWorkflowServiceStubs().blockingStub().pollWorkflowExecutionUpdate(admitted) != null);
    return asked;
  }

  /** The ask's turn, the model's last call, ran with {@link #SECOND_EDITION}, which the agent now has. */
  private static void assertTheTurnRanWithTheSecondEdition(CompletableFuture<TurnOutcome> asked, FakeModel model,
      AgentWorkflow agent) throws Exception {
    assertThat(asked.get(WAIT.toSeconds(), TimeUnit.SECONDS).completed()).isTrue();
    assertThat(model.requests).extracting(ModelRequest::instructions).last().asString().contains("second edition");
    assertThat(agent.snapshot().spec().name()).isEqualTo(SECOND_EDITION.name());
  }
}
