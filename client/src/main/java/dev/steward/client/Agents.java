package dev.steward.client;

import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What can be done to agents, whichever way the requests travel: straight to Temporal
 * ({@link AgentClient}) or through a Steward gateway ({@code dev.steward.gateway.client.GatewayAgents}).
 * Code written against this interface, such as the {@code steward} CLI's agent commands, works over
 * both.
 *
 * <p>Every failure is a {@link StewardException}, with the same subclasses either way:
 * {@link AgentNotFoundException}, {@link AgentAlreadyExistsException}, {@link RejectedException},
 * {@link StewardUnavailableException}, {@link StewardTimeoutException}.
 */
public interface Agents extends AutoCloseable {

  /**
   * Starts an agent from an agent file, idempotently: the same id with an equal spec returns the
   * running agent's id. The file is read and checked here first, so its problems name its lines.
   *
   * @param agentId the agent's id; null or blank for {@code agent-<name>-<8 hex>}
   * @param agentFile the agent file (YAML)
   * @return the agent's id
   * @throws dev.steward.client.spec.AgentFileException when the file is not a valid agent file
   * @throws AgentAlreadyExistsException when the id is taken by an agent with another spec
   */
  String start(String agentId, Path agentFile);

  /** Puts a message in the agent's inbox and returns at once; a repeated message id is ignored. */
  void send(String agentId, UserMessage message);

  /**
   * Sends a message and waits for the outcome of the turn it starts.
   *
   * @param timeout how long to wait in all; the turn goes on after it
   * @throws StewardTimeoutException when time runs out
   * @throws RejectedException when the agent refuses the message
   */
  TurnOutcome ask(String agentId, UserMessage message, Duration timeout);

  /**
   * Approves or denies a pending tool call.
   *
   * @return the call with its decision
   * @throws RejectedException when the call is unknown or already decided
   */
  PendingApproval decide(String agentId, Decision decision);

  /**
   * Answers a question the agent asked a person with {@code ask_human}.
   *
   * @return the question with its answer
   * @throws RejectedException when the question is unknown or already answered
   */
  PendingQuestion answer(String agentId, Answer answer);

  /**
   * Pauses, resumes, triggers (fires once now) or deletes one of the agent's schedules; the agent's
   * schedules as they stand are in {@link AgentSnapshot#schedules()}.
   *
   * @param action the schedule's name and {@code pause}, {@code resume}, {@code trigger} or {@code delete}
   * @return the schedule after the change; a deleted one as it was just before
   * @throws RejectedException when the agent has no schedule of that name, or the action is unknown
   */
  ScheduleState schedule(String agentId, ScheduleAction action);

  /**
   * Sets a memory block's whole text, as a person; creates the block if it is new.
   *
   * @return the block as it is now
   * @throws RejectedException when the text is longer than the block's limit
   */
  MemoryBlock setMemory(String agentId, MemoryEdit edit);

  /**
   * Returns the agent to the end of turn {@code toTurn}. Later turns stay in the transcript, marked
   * abandoned; memory is as it was then.
   *
   * @return the turn the agent is at now
   * @throws RejectedException while a turn runs, or for a turn that does not exist
   */
  int rewind(String agentId, int toTurn);

  /**
   * Starts a new agent whose state is this one's right after turn {@code atTurn} (0: as it is now);
   * the original is untouched and the fork's usage starts at zero.
   *
   * @param newId the new agent's id; null or blank for {@code agent-<name>-<8 hex>}
   * @return the new agent's id
   * @throws AgentAlreadyExistsException if {@code newId} is taken
   */
  String fork(String agentId, int atTurn, String newId);

  /** The whole agent, for {@link AgentExport#write}: spec, memory, summary, transcript, usage. */
  AgentExport export(String agentId);

  /**
   * Brings an exported agent back as a new live agent.
   *
   * @param agentId the new agent's id; null or blank for {@code agent-<name>-<8 hex>}
   * @return the new agent's id
   * @throws AgentAlreadyExistsException if the id is taken
   */
  String importAgent(AgentExport export, String agentId);

  /** Replaces the agent's spec with the agent file's from its next turn on. */
  void updateSpec(String agentId, Path agentFile);

  /** Asks the agent to stop after its running step; returns at once. {@code reason} may be null. */
  void stop(String agentId, String reason);

  /** What the agent is and does right now. */
  AgentSnapshot snapshot(String agentId);

  /**
   * A page of the transcript.
   *
   * @param fromSeq the first entry's sequence number (entries count from 1)
   * @param limit the most entries to return, at most 500
   */
  TranscriptPage transcript(String agentId, long fromSeq, int limit);

  /**
   * Events with sequence numbers greater than {@code afterSeq}, oldest first, at most 500; 0 for all
   * kept. {@link EventPage#lastSeq()} is the agent's newest event, so
   * {@code events(id, Long.MAX_VALUE).lastSeq()} is where a watcher starts "from now".
   */
  EventPage events(String agentId, long afterSeq);

  /**
   * The text the agent's running model call has produced so far, for display while it streams;
   * empty when no model call runs, it has produced nothing yet, or this way of reaching agents
   * cannot tell (the default). Never written to the agent's history; the finished reply arrives
   * through {@link #events} as usual.
   */
  default Optional<String> partialReply(String agentId) {
    return Optional.empty();
  }

  /**
   * Agents, newest first.
   *
   * @param nameFilter only agents with this name; null for all
   * @param statusFilter only agents in this status; null for all
   */
  List<AgentSummary> list(String nameFilter, AgentStatus statusFilter);

  /** Closes the connection; never throws. */
  @Override
  void close();
}
