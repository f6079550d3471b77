package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.ScheduleState;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code steward schedule list|pause|resume|trigger|delete ID [NAME]}: the agent's schedules. */
@Command(name = "schedule", description = "List an agent's schedules, or pause, resume, trigger or delete one.")
final class ScheduleCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, pause, resume, trigger or delete.")
  String action;

  @Parameters(index = "1", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Parameters(index = "2", paramLabel = "NAME", arity = "0..1", description = "The schedule's name (not for list).")
  String name;

  @Override
  int run(Agents agents) {
    if (action.equals("list")) {
      List<ScheduleState> schedules = agents.snapshot(agentId).schedules();
      if (json.enabled()) {
        print(schedules, null);
      } else if (schedules.isEmpty()) {
        out().println("no schedules (declare them under schedules in the agent file)");
      } else {
        for (ScheduleState s : schedules) {
          out().printf("%-16s %-32s %-8s fired %d×  next %-19s  %s%n", s.name(), s.description(),
              s.paused() ? "paused" : "active", s.fires(), s.nextFireMillis() > 0 ? Format.time(s.nextFireMillis()) : "-",
              s.temporalScheduleId() != null ? "Temporal Schedule " + s.temporalScheduleId() : "timer in agent");
        }
      }
      out().flush();
      return 0;
    }
    if (!List.of("pause", "resume", "trigger", "delete").contains(action)) {
      throw new UsageException("unknown action '" + action + "'; use list, pause, resume, trigger or delete");
    }
    if (name == null) {
      throw new UsageException("steward schedule " + action + " needs the schedule's NAME");
    }
    ScheduleState s = agents.schedule(agentId, new ScheduleAction(name, action));
    print(s, "schedule " + name + ": " + action + (action.equals("trigger") ? "ed" : "d"));
    return 0;
  }
}
