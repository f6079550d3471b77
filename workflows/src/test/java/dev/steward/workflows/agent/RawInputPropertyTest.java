package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Thousands of raw workflow inputs, as a client in another language might send them by mistake:
 * a valid input with one to three fields removed, nulled, of the wrong type, negative, huge or
 * empty. Each starts a real workflow on the embedded test server, which must either fail at once
 * (an invalid input) or run and answer an {@code ask} (a valid one): no workflow may be stuck with
 * a workflow task that fails again and again. A fixed seed keeps the run repeatable; the count is
 * {@code -Dsteward.rawInputs=N} (default 2000).
 */
class RawInputPropertyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = 20261206L;
  private static final int COUNT = Integer.getInteger("steward.rawInputs", 2000);
  private static final int BATCH = 25;
  /** Bounds each wait only so a stuck workflow is reported instead of hanging the suite. */
  private static final Duration STUCK_AFTER = Duration.ofSeconds(60);

  /** Where a mutation may land, as JSON pointers into a valid input. */
  private static final String[] PATHS = {
    "", "/spec", "/spec/name", "/spec/instructions", "/spec/model", "/spec/model/provider", "/spec/model/id",
    "/spec/model/timeout_seconds", "/spec/model/max_tokens", "/spec/model/parameters", "/spec/tools", "/spec/tools/0",
    "/spec/tools/0/name", "/spec/tools/0/options", "/spec/limits", "/spec/limits/max_steps_per_turn",
    "/spec/limits/max_turns", "/spec/limits/max_total_tokens", "/spec/limits/max_turn_seconds",
    "/spec/limits/max_cost_usd", "/spec/approval", "/spec/approval/tools", "/spec/approval/timeout_seconds",
    "/spec/inbox", "/spec/fallbacks", "/spec/memory", "/spec/memory/blocks", "/spec/memory/context_tokens",
    "/spec/memory/summarizer", "/spec/schedules", "/spec/fallback_after", "/tenant", "/historyEventBudget",
    "/task", "/task/text", "/carried", "/carried/usage", "/carried/inbox", "/carried/turn"};

  /** Values a mistaken client might put anywhere. */
  private static final String[] VALUES = {
    "null", "\"\"", "\"current_time\"", "-1", "0", "1e300", "-0.5", "true", "[]", "[null]", "[\"current_time\"]",
    "{}", "[{}]", "{\"name\": \"\"}", "[{\"name\": \"x\"}]", "\"NaN\"", "9223372036854775807",
    "[{\"name\": \"s\", \"message\": \"m\", \"cron\": \"not a cron\"}]", "[{\"name\": \"s\", \"message\": \"m\", \"every\": \"-5m\"}]",
    "{\"provider\": \"fake\"}", "{\"usage\": {}, \"inbox\": [], \"seenMessageIds\": []}", "{\"text\": \"do it\"}"};

  @Test
  void noRawInputLeavesAStuckWorkflow() throws Exception {
    Random random = new Random(SEED);
    List<String> stuck = new ArrayList<>();
    int failedAtOnce = 0;
    int ran = 0;
    // In real time: with time skipping, one agent's far timer would move every later agent's clock.
    try (AgentTestKit kit = AgentTestKit.inRealTime(FakeModel.echo(), FakeTools.named(),
        FakeSchedules.withoutServerSchedules())) {
      for (int first = 0; first < COUNT; first += BATCH) {
        // A batch starts together, so the worker runs its first workflow tasks side by side.
        List<JsonNode> inputs = new ArrayList<>();
        List<WorkflowStub> stubs = new ArrayList<>();
        for (int i = first; i < Math.min(COUNT, first + BATCH); i++) {
          JsonNode input = mutate(random);
          WorkflowStub stub = kit.client.newUntypedWorkflowStub(AgentWorkflow.TYPE,
              WorkflowOptions.newBuilder().setWorkflowId("raw-" + i).setTaskQueue(AgentTestKit.QUEUE).build());
          stub.start(input);
          inputs.add(input);
          stubs.add(stub);
        }
        for (int j = 0; j < stubs.size(); j++) {
          try {
            if (failsAtOnce(stubs.get(j))) {
              failedAtOnce++;
            } else {
              askAndStop(stubs.get(j));
              ran++;
            }
          } catch (ConditionTimeoutException e) {
            stuck.add("raw-" + (first + j) + ": " + inputs.get(j));
          }
        }
      }
    }
    System.out.println("raw inputs: " + COUNT + ", failed at once: " + failedAtOnce + ", ran: " + ran
        + ", stuck: " + stuck.size());
    stuck.forEach(s -> System.out.println("stuck " + s));
    assertThat(stuck).as("inputs whose workflow neither failed nor ran").isEmpty();
    assertThat(failedAtOnce).as("the generator produces invalid inputs").isPositive();
    assertThat(ran).as("the generator produces valid inputs").isPositive();
  }

  /**
   * Asks once and stops the agent, then waits until its workflow has closed. A sub-agent (an input
   * with a task) may have ended already, and an agent may refuse the message (say, at its turn
   * limit): both are fine, only a workflow that never closes is not.
   */
  private static void askAndStop(WorkflowStub stub) throws Exception {
    try {
      stub.update("ask", JsonNode.class, JSON.readTree("{\"text\": \"hello\"}"));
    } catch (WorkflowNotFoundException | WorkflowUpdateException e) {
      // Closed or refused.
    }
    try {
      stub.signal("stop", "done");
    } catch (WorkflowNotFoundException e) {
      // Closed already.
    }
    await().atMost(STUCK_AFTER).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
        .until(() -> stub.describe().getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  /** True when the workflow failed, false when it runs and answers queries or ended otherwise; waits until one is so. */
  private static boolean failsAtOnce(WorkflowStub stub) {
    boolean[] failed = {false};
    await().atMost(STUCK_AFTER).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
      WorkflowExecutionStatus status = stub.describe().getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
        failed[0] = true;
        return true;
      }
      // A sub-agent (an input with a task) may have run its one turn and completed already.
      return status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          || stub.query("snapshot", JsonNode.class).has("status");
    });
    if (failed[0]) {
      try {
        stub.getResult(JsonNode.class);
      } catch (WorkflowFailedException expected) {
        return true;
      }
    }
    return failed[0];
  }

  /** A valid input with one to three random changes. */
  private static JsonNode mutate(Random random) throws Exception {
    JsonNode input = RawInputTest.validInput();
    int changes = 1 + random.nextInt(3);
    for (int c = 0; c < changes; c++) {
      String path = PATHS[random.nextInt(PATHS.length)];
      JsonNode value = JSON.readTree(VALUES[random.nextInt(VALUES.length)]);
      if (path.isEmpty()) {
        return random.nextBoolean() ? value : input;
      }
      input = put(input, path, random.nextInt(5) == 0 ? null : value);
    }
    return input;
  }

  /** Sets (or with a null value removes) the field at {@code path}, creating objects on the way. */
  private static JsonNode put(JsonNode root, String path, JsonNode value) {
    if (!(root instanceof ObjectNode)) {
      return root;
    }
    String[] parts = path.substring(1).split("/");
    JsonNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      if (node.isArray() && !parts[i].matches("\\d+")) {
        return root;
      }
      JsonNode next = node.isArray() ? node.path(Integer.parseInt(parts[i])) : node.path(parts[i]);
      if (!next.isContainerNode()) {
        if (!(node instanceof ObjectNode object)) {
          return root;
        }
        next = object.putObject(parts[i]);
      }
      node = next;
    }
    String last = parts[parts.length - 1];
    if (node instanceof ObjectNode object) {
      if (value == null) {
        object.remove(last);
      } else {
        object.set(last, value);
      }
    } else if (node instanceof ArrayNode array && value != null && last.matches("\\d+")
        && Integer.parseInt(last) < array.size()) {
      array.set(Integer.parseInt(last), value);
    }
    return root;
  }
}
