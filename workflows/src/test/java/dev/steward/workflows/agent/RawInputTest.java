package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs as a client in another language sends them: raw JSON through an untyped stub, by the
 * registered names. A malformed workflow input ends the workflow at once with a failure naming the
 * field; a malformed update is rejected and a malformed spec update ignored, and the agent goes on.
 */
class RawInputTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final long STUCK_AFTER_SECONDS = 60;
  static AgentTestKit kit;

  @BeforeAll
  static void start() {
    kit = new AgentTestKit(FakeModel.echo(), FakeTools.named());
  }

  @AfterAll
  static void stop() {
    kit.close();
  }

  /** A valid input as JSON: what the TypeScript example in docs/ARCHITECTURE.md sends. */
  static ObjectNode validInput() {
    try {
      return (ObjectNode) JSON.readTree("""
          {"spec": {"name": "raw", "instructions": "You answer.",
                    "model": {"provider": "fake", "id": "test-1"},
                    "tools": [{"name": "current_time"}],
                    "limits": {"max_steps_per_turn": 4, "max_turns": 10}},
           "tenant": "acme"}""");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static WorkflowStub startRaw(String id, Object... args) {
    WorkflowStub stub = kit.client.newUntypedWorkflowStub(AgentWorkflow.TYPE,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(AgentTestKit.QUEUE).build());
    stub.start(args);
    return stub;
  }

  /**
   * The failure the workflow ended with: its message names the field. The wait is bounded only so a
   * stuck workflow (a workflow task failing again and again) fails the test instead of hanging it.
   */
  static String failureOf(WorkflowStub stub) {
    try {
      stub.getResult(STUCK_AFTER_SECONDS, TimeUnit.SECONDS, JsonNode.class);
    } catch (TimeoutException e) {
      throw new AssertionError("stuck: the workflow neither failed nor ended", e);
    } catch (WorkflowFailedException e) {
      assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
      ApplicationFailure failure = (ApplicationFailure) e.getCause();
      // Our checks fail non-retryably; a payload the SDK cannot read fails with the converter's error.
      assertThat(failure.isNonRetryable() || failure.getType().endsWith("DataConverterException"))
          .as("failure type %s", failure.getType()).isTrue();
      return failure.getOriginalMessage();
    }
    throw new AssertionError("the workflow did not fail");
  }

  @Test
  void toolsAsStringsInsteadOfObjectsFailTheWorkflowNamingTheField() throws Exception {
    ObjectNode input = validInput();
    input.with("spec").set("tools", JSON.readTree("[\"current_time\"]"));
    assertThat(failureOf(startRaw("raw-tools", input))).contains("tools");
  }

  @Test
  void aMissingNameOrModelFailsTheWorkflowNamingTheField() {
    ObjectNode noName = validInput();
    noName.with("spec").remove("name");
    assertThat(failureOf(startRaw("raw-no-name", noName))).contains("$.spec.name is required");
    ObjectNode noModel = validInput();
    noModel.with("spec").remove("model");
    assertThat(failureOf(startRaw("raw-no-model", noModel))).contains("$.spec.model is required");
    ObjectNode noProvider = validInput();
    noProvider.with("spec").with("model").remove("provider");
    assertThat(failureOf(startRaw("raw-no-provider", noProvider))).contains("$.spec.model.provider is required");
  }

  @Test
  void negativeLimitsFailTheWorkflowNamingTheField() {
    ObjectNode input = validInput();
    input.with("spec").with("limits").put("max_turns", -1);
    assertThat(failureOf(startRaw("raw-negative", input))).contains("$.spec.limits.max_turns");
    ObjectNode cost = validInput();
    cost.with("spec").with("limits").put("max_cost_usd", -0.5);
    assertThat(failureOf(startRaw("raw-negative-cost", cost))).contains("$.spec.limits.max_cost_usd");
  }

  @Test
  void noArgumentOrAWrongShapeFailsTheWorkflow() throws Exception {
    assertThat(failureOf(startRaw("raw-none"))).contains("AgentInput");
    assertThat(failureOf(startRaw("raw-array", JSON.readTree("[1, 2]")))).isNotBlank();
    ObjectNode task = validInput();
    task.set("task", JSON.readTree("{\"id\": \"t1\"}"));
    assertThat(failureOf(startRaw("raw-task", task))).contains("$.task.text");
  }

  @Test
  void malformedUpdatesAreRejectedAndTheAgentGoesOn() throws Exception {
    WorkflowStub agent = startRaw("raw-updates", validInput());
    assertThatThrownBy(() -> agent.update("ask", JsonNode.class, JSON.readTree("[\"hello\"]")))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThatThrownBy(() -> agent.update("ask", JsonNode.class, JSON.readTree("{\"id\": \"m1\"}")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("message text is empty");
    assertThatThrownBy(() -> agent.update("decide", JsonNode.class, JSON.readTree("\"yes\"")))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThatThrownBy(() -> agent.update("rewind", JsonNode.class, JSON.readTree("{\"turn\": 1}")))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThatThrownBy(() -> agent.update("setMemory", JsonNode.class, JSON.readTree("{\"text\": 3}")))
        .isInstanceOf(WorkflowUpdateException.class);
    agent.signal("send", JSON.readTree("{\"text\": {\"not\": \"text\"}}"));
    agent.signal("updateSpec", JSON.readTree("{\"name\": \"broken\"}"));

    JsonNode outcome = agent.update("ask", JsonNode.class, JSON.readTree("{\"text\": \"still there?\"}"));
    assertThat(outcome.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(outcome.path("reply").asText()).contains("still there?");
    JsonNode snapshot = agent.query("snapshot", JsonNode.class);
    assertThat(snapshot.path("spec").path("name").asText()).isEqualTo("raw");
    JsonNode events = agent.query("events", JsonNode.class, 0L);
    assertThat(events.path("events").toString()).contains("spec update ignored: $.model is required");
    agent.signal("stop", "done");
    assertThat(agent.getResult(JsonNode.class).path("reason").asText()).isEqualTo("done");
  }

  @Test
  void aValidRawInputRunsAndAnswers() throws Exception {
    WorkflowStub agent = startRaw("raw-valid", validInput());
    JsonNode outcome = agent.update("ask", JsonNode.class, JSON.readTree("{\"text\": \"hello\"}"));
    assertThat(outcome.path("status").asText()).isEqualTo("COMPLETED");
    await().until(() -> agent.query("snapshot", JsonNode.class).path("status").asText().equals("IDLE"));
    agent.signal("stop", "done");
    agent.getResult(JsonNode.class);
  }

  /** Keeps the list of registered names in the docs honest: each is answered by the workflow. */
  @Test
  void everyDocumentedQueryAnswers() throws Exception {
    WorkflowStub agent = startRaw("raw-queries", validInput());
    for (String query : List.of("snapshot", "transcript", "events", "modelContext", "checkpoint")) {
      Object[] args = switch (query) {
        case "transcript" -> new Object[] {1L, 100};
        case "events", "modelContext" -> new Object[] {0L};
        case "checkpoint" -> new Object[] {0};
        default -> new Object[0];
      };
      assertThat(agent.query(query, JsonNode.class, args)).as(query).isNotNull();
    }
    agent.signal("stop", "done");
    agent.getResult(JsonNode.class);
  }

  @Test
  void aSubAgentTaskWithoutAnIdRunsAndEnds() throws Exception {
    ObjectNode input = validInput();
    input.set("task", JSON.readTree("{\"text\": \"current_time\"}"));
    WorkflowStub agent = startRaw("raw-task-no-id", input);
    JsonNode result = agent.getResult(STUCK_AFTER_SECONDS, TimeUnit.SECONDS, JsonNode.class);
    assertThat(result.path("reason").asText()).isEqualTo("task done");
    assertThat(result.path("lastOutcome").path("reply").asText()).contains("current_time");
  }
}
