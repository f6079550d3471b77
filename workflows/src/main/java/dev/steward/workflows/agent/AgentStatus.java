package dev.steward.workflows.agent;

/** What an agent is doing; also kept in the {@code StewardStatus} search attribute. */
public enum AgentStatus {
  /** Waiting for a message. */
  IDLE,
  /** A turn is running. */
  RUNNING,
  /** A turn waits for a person to approve or deny a tool call. */
  WAITING_FOR_APPROVAL,
  /** A turn waits for a person to answer an {@code ask_human} question. */
  WAITING_FOR_ANSWER,
  /** A turn waits on a durable {@code sleep}. */
  SLEEPING,
  /** The agent has ended. */
  STOPPED
}
