package dev.steward.bench;

import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two things measured, behind the same few verbs: a Steward agent driven through Steward's
 * client (real workflow, real activities, the scripted model with no pause between chunks), and a
 * {@link PlainAgent} driven through a plain Temporal client.
 */
final class Subjects {

  /** A tool-calling turn ("use the tool": model → current_time → model) and a one-step reply (anything else). */
  static final AgentSpec SPEC = AgentFiles.parse("""
      name: bench
      model:
        provider: scripted
        parameters: {chunk_pause_ms: 0}
        script:
          - match: tool
            steps:
              - tool_calls: [{tool: current_time, arguments: {}}]
              - reply: "the time is {{last_tool_result}}"
          - steps:
              - reply: "ok"
      tools: [current_time]
      """, "bench.yaml");

  static final String TOOL_TURN = "use the tool please";
  static final String ONE_STEP = "hello";
  private static final Duration ASK_TIMEOUT = Duration.ofMinutes(2);
  private static final AtomicLong IDS = new AtomicLong();

  private final Rig rig;
  private final String run = Long.toHexString(System.nanoTime());
  private final List<String> started = new ArrayList<>();

  Subjects(Rig rig) {
    this.rig = rig;
  }

  /** Starts a new agent or plain workflow; returns its id. */
  String start(Side side) {
    String id = newId(side);
    if (side == Side.STEWARD) {
      rig.agents.start(id, SPEC);
    } else {
      WorkflowClient.start(newPlain(id)::run);
    }
    return id;
  }

  /**
   * A new agent and its first step, both in one call (update-with-start): Steward's start and ask vs
   * the plain workflow's start and one update running one activity (the baseline of issue 15). A
   * hand-written agent would do the same: it is faster than a start, then an update.
   */
  String startAndStep(Side side) {
    String id = newId(side);
    if (side == Side.STEWARD) {
      expectCompleted(rig.agents.startAndAsk(id, SPEC, null, UserMessage.of(ONE_STEP), ASK_TIMEOUT));
      return id;
    }
    PlainAgent stub = newPlain(id);
    UpdateOptions<String> untilAnswered = UpdateOptions.newBuilder(String.class)
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .build();
    WorkflowClient.startUpdateWithStart(stub::step, ONE_STEP, untilAnswered,
        new WithStartWorkflowOperation<>(stub::run)).getResult();
    return id;
  }

  private synchronized String newId(Side side) {
    String id = side.name().toLowerCase() + "-" + run + "-" + IDS.incrementAndGet();
    started.add(id);
    return id;
  }

  /**
   * Terminates every workflow these subjects started that still runs (a stop is a signal: the
   * workflow closes a little later, or not at all if a round failed halfway). Returns how many.
   */
  synchronized int terminateLeftovers() {
    int terminated = 0;
    for (String id : started) {
      try {
        rig.plainClient.newUntypedWorkflowStub(id).terminate("bench round over");
        terminated++;
      } catch (WorkflowNotFoundException closed) {
        // closed already: the usual case
      }
    }
    started.clear();
    return terminated;
  }

  /** One tool-calling turn: Steward's ask vs the plain update running three activities. */
  void turn(Side side, String id) {
    if (side == Side.STEWARD) {
      expectCompleted(rig.agents.ask(id, UserMessage.of(TOOL_TURN), ASK_TIMEOUT));
    } else {
      plain(id).turn(TOOL_TURN);
    }
  }

  /** One step: Steward's ask answered by the model at once vs the plain update running one activity. */
  void step(Side side, String id) {
    if (side == Side.STEWARD) {
      expectCompleted(rig.agents.ask(id, UserMessage.of(ONE_STEP), ASK_TIMEOUT));
    } else {
      plain(id).step(ONE_STEP);
    }
  }

  void stop(Side side, String id) {
    if (side == Side.STEWARD) {
      rig.agents.stop(id, "bench done");
    } else {
      plain(id).stop();
    }
  }

  /**
   * Stops the workflow and waits until it has closed. A stop returns once the server took the
   * signal; the worker ends the workflow (and drops it from its cache) a little later.
   */
  void stopAndAwaitClosed(Side side, String id) throws java.util.concurrent.TimeoutException {
    stop(side, id);
    rig.plainClient.newUntypedWorkflowStub(id).getResult(ASK_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS,
        Object.class);
  }

  /**
   * Waits until the workflow has finished its first workflow task (built, and parked waiting for
   * work), so that what is timed next does not pay for its construction.
   */
  void awaitSettled(String id) throws InterruptedException {
    long deadline = System.nanoTime() + ASK_TIMEOUT.toNanos();
    while (events(id).stream().noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(id + " did not finish its first workflow task in " + ASK_TIMEOUT);
      }
      Thread.sleep(2);
    }
  }

  /** The serialized size of the workflow's whole history so far, in bytes. */
  long historyBytes(String id) {
    long bytes = 0;
    for (HistoryEvent event : events(id)) {
      bytes += event.getSerializedSize();
    }
    return bytes;
  }

  /** The workflow's history so far. */
  private List<HistoryEvent> events(String id) {
    return rig.plainClient.fetchHistory(id).getHistory().getEventsList();
  }

  /** A stub to start a plain workflow with (a start fails if the id is taken, as Steward's does). */
  private PlainAgent newPlain(String id) {
    return rig.plainClient.newWorkflowStub(PlainAgent.class, WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(rig.plainQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .build());
  }

  /** A stub for a running plain workflow. */
  private PlainAgent plain(String id) {
    return rig.plainClient.newWorkflowStub(PlainAgent.class, id);
  }

  private static void expectCompleted(TurnOutcome outcome) {
    if (outcome.status() != TurnOutcome.Status.COMPLETED) {
      throw new IllegalStateException("turn " + outcome.turn() + " ended " + outcome.status() + ": " + outcome.error());
    }
  }
}
