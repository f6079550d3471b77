package dev.steward.worker.observe;

import dev.steward.workflows.agent.AgentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last known state of every agent this worker has run since it started: its status and what
 * it waits for. Behind the {@code steward_agents}, {@code steward_approvals_waiting} and
 * {@code steward_questions_waiting} gauges. Setting a state is idempotent, so a replay that sets it
 * again changes nothing; an agent that ends is forgotten.
 */
final class AgentStates {

  /** One agent's state. */
  record State(AgentStatus status, int approvalsWaiting, int questionsWaiting) {}

  private final Map<String, State> byAgent = new ConcurrentHashMap<>();

  private AgentStates() {}

  static AgentStates registerOn(MeterRegistry registry) {
    AgentStates states = new AgentStates();
    for (AgentStatus status : AgentStatus.values()) {
      Gauge.builder(StewardMeters.AGENTS, states, s -> s.count(status))
          .description("Agents this worker has run, by their last status; an agent that moved to another"
              + " worker is counted by both until it ends")
          .tag("status", StewardMeters.lower(status))
          .register(registry);
    }
    Gauge.builder(StewardMeters.APPROVALS_WAITING, states,
            s -> s.byAgent.values().stream().mapToInt(State::approvalsWaiting).sum())
        .description("Tool calls waiting for a person to approve or deny them")
        .register(registry);
    Gauge.builder(StewardMeters.QUESTIONS_WAITING, states,
            s -> s.byAgent.values().stream().mapToInt(State::questionsWaiting).sum())
        .description("ask_human questions waiting for a person's answer")
        .register(registry);
    return states;
  }

  void put(String agentId, State state) {
    byAgent.put(agentId, state);
  }

  void forget(String agentId) {
    byAgent.remove(agentId);
  }

  private double count(AgentStatus status) {
    return byAgent.values().stream().filter(s -> s.status() == status).count();
  }
}
