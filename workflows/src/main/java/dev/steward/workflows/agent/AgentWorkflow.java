package dev.steward.workflows.agent;

import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.messaging.AgentReply;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A durable agent. The workflow type and handler names are Steward's public contract with other
 * clients and the Temporal Web UI; renaming any of them breaks running agents.
 */
@WorkflowInterface
public interface AgentWorkflow {

  /** Workflow type name. */
  String TYPE = "Agent";

  /** Runs the agent until it is stopped; returns how it ended. */
  @WorkflowMethod(name = TYPE)
  AgentResult run(AgentInput input);

  /** Puts a message into the agent's inbox. A message whose id was seen before is ignored. */
  @SignalMethod(name = "send")
  void send(UserMessage message);

  /** Ends the agent after the step that is running; pending approvals are denied. */
  @SignalMethod(name = "stop")
  void stop(String reason);

  /** Another agent's reply to this agent's {@code ask_agent} message. */
  @SignalMethod(name = "agentReply")
  void agentReply(AgentReply reply);

  /** One of the agent's Temporal Schedules fired (sent by the {@code ScheduleWake} workflow it starts). */
  @SignalMethod(name = "scheduleFired")
  void scheduleFired(String scheduleName);

  /** Replaces the spec from the next turn on. */
  @SignalMethod(name = "updateSpec")
  void updateSpec(AgentSpec spec);

  /** Sends a message and returns the outcome of the turn it starts. */
  @UpdateMethod(name = "ask")
  TurnOutcome ask(UserMessage message);

  @UpdateValidatorMethod(updateName = "ask")
  void validateAsk(UserMessage message);

  /**
   * Cancels one message's turn, not the agent: a running turn ends INTERRUPTED at the next step
   * boundary, a message still in the inbox is removed (its {@code ask} answered INTERRUPTED), a turn
   * that is over stays as it is. The agent then takes its next message.
   */
  @UpdateMethod(name = "cancelTurn")
  TurnCancel.Result cancelTurn(TurnCancel cancel);

  /** Rejects a cancel without a message id. */
  @UpdateValidatorMethod(updateName = "cancelTurn")
  void validateCancelTurn(TurnCancel cancel);

  /** Approves or denies a pending tool call. */
  @UpdateMethod(name = "decide")
  PendingApproval decide(Decision decision);

  /** Rejects decisions on calls that are unknown or already decided. */
  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(Decision decision);

  /** Answers a question the agent asked with {@code ask_human}. */
  @UpdateMethod(name = "answer")
  PendingQuestion answer(Answer answer);

  /** Rejects answers to unknown or already answered questions. */
  @UpdateValidatorMethod(updateName = "answer")
  void validateAnswer(Answer answer);

  /** Pauses, resumes, triggers or deletes one of the agent's schedules. */
  @UpdateMethod(name = "schedule")
  ScheduleState schedule(ScheduleAction action);

  /** Rejects unknown schedules and actions. */
  @UpdateValidatorMethod(updateName = "schedule")
  void validateSchedule(ScheduleAction action);

  /** Sets a memory block's whole text (a person's edit); creates the block if it is new. */
  @UpdateMethod(name = "setMemory")
  MemoryBlock setMemory(MemoryEdit edit);

  /** Rejects edits without a block name or over the block's limit. */
  @UpdateValidatorMethod(updateName = "setMemory")
  void validateSetMemory(MemoryEdit edit);

  /**
   * Returns the agent to the end of turn {@code toTurn}: later turns stay in the transcript, marked
   * abandoned and out of the model's context; memory is as it was then. Returns the turn rewound to.
   */
  @UpdateMethod(name = "rewind")
  int rewind(int toTurn);

  /** Rejects rewinds while a turn runs, and to turns that do not exist. */
  @UpdateValidatorMethod(updateName = "rewind")
  void validateRewind(int toTurn);

  @QueryMethod(name = "snapshot")
  AgentSnapshot snapshot();

  /** Transcript entries with sequence numbers from {@code fromSeq} on, at most {@code limit} (≤ 500). */
  @QueryMethod(name = "transcript")
  TranscriptPage transcript(long fromSeq, int limit);

  /**
   * Events with sequence numbers greater than {@code afterSeq} that the agent holds, oldest first, at
   * most 500, with the references of the segments holding older ones after {@code afterSeq} (a reader
   * such as {@code AgentClient.events} reads those from the blob store).
   */
  @QueryMethod(name = "events")
  EventPage events(long afterSeq);

  /**
   * What the model sees for a call made when the transcript had {@code upToSeq} entries: the model
   * activity reads its context here instead of carrying it through history.
   */
  @QueryMethod(name = "modelContext")
  ModelContextView modelContext(long upToSeq);

  /**
   * The agent's state at the end of turn {@code atTurn}, to fork it; 0 or less (or the last turn):
   * everything as it is now, summary and usage included, to export it.
   */
  @QueryMethod(name = "checkpoint")
  AgentCheckpoint checkpoint(int atTurn);
}
