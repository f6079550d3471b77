package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.update.v1.UpdateRef;
import io.temporal.api.update.v1.WaitPolicy;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On the real server: a spec update and a message the client sent before an {@code ask}, all three
 * waiting in the agent's first workflow task (no worker polls until they do), come before the ask's
 * turn: the turn runs with the new spec, and the message is taken first. The real server sequences
 * the ask after them; the Java test server sequences it before, and SignalsBeforeAskTest (workflows)
 * shows the agent keeps the order there too.
 */
@RealTemporal.Required
class RealServerSignalsBeforeAskE2ETest {

  @Test
  void signalsSentBeforeAnAskComeBeforeItsTurn() throws Exception {
    String queue = RealTemporal.unique("steward-it-order");
    String id = RealTemporal.unique("ordered");
    try (AgentClient client = AgentClient.connect(new ClientSettings(RealTemporal.address(), "default", queue))) {
      WorkflowClient temporal = client.workflowClient();
      AgentSpec v1 = spec("orderly");
      WorkflowClient.start(temporal.newWorkflowStub(AgentWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(id).setTaskQueue(queue)
          .setTypedSearchAttributes(SearchAttributes.newBuilder()
              .set(SearchAttributeNames.AGENT_NAME, v1.name())
              .set(SearchAttributeNames.STATUS, AgentStatus.IDLE.name())
              .set(SearchAttributeNames.TENANT, AgentInput.DEFAULT_TENANT)
              .build())
          .build())::run, AgentInput.of(v1));
      client.updateSpec(id, spec("orderly-v2"));
      client.send(id, new UserMessage("m-1", "first", "ada"));

      CompletableFuture<TurnOutcome> asked = CompletableFuture.supplyAsync(() -> temporal.newUntypedWorkflowStub(id)
          .startUpdate(UpdateOptions.newBuilder(TurnOutcome.class).setUpdateName("ask").setUpdateId(id + "-ask")
              .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(), new UserMessage("m-2", "second", "ada"))
          .getResult());
      PollWorkflowExecutionUpdateRequest admitted = PollWorkflowExecutionUpdateRequest.newBuilder()
          .setNamespace("default")
          .setUpdateRef(UpdateRef.newBuilder().setUpdateId(id + "-ask")
              .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(id)))
          .setWaitPolicy(WaitPolicy.newBuilder()
              .setLifecycleStage(UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED))
          .build();
      // Unknown until the server holds it for the agent's pending workflow task.
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
          temporal.getWorkflowServiceStubs().blockingStub().pollWorkflowExecutionUpdate(admitted) != null);

      try (StewardWorker worker = StewardWorker.connect(WorkerSettings.defaults()
          .withAddress(RealTemporal.address()).withTaskQueue(queue)).start()) {
        assertThat(asked.get(60, TimeUnit.SECONDS).reply()).isEqualTo("echo: second");
        assertThat(client.snapshot(id).spec().name()).isEqualTo("orderly-v2");
        assertThat(client.transcript(id, 1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
            .extracting(TranscriptEntry::text).containsExactly("first", "second");
        client.stop(id, "done");
      }
    }
  }

  private static AgentSpec spec(String name) {
    return new AgentSpec(name, "", new ModelSpec("scripted", "echo", null, null, null, null, null, null, List.of()),
        List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE);
  }
}
