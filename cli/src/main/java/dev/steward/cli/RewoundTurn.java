package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.AgentEvent;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The turn an agent was last rewound to, while no turn has started since. The agent's turn
 * counter only grows (turn numbers name activities, events and transcript entries), so after
 * {@code rewind --to-turn 2} its snapshot still says turn 4; {@code show} reads the rewind from the
 * agent's recent events instead and shows the turn the agent is really at.
 */
final class RewoundTurn {

  /** Enough recent events to reach back past one rewind and its note; older ones predate any turn since. */
  private static final int LOOK_BACK = 200;
  /** The agent's REWOUND event text, "rewound to turn N". */
  private static final Pattern REWOUND_TO = Pattern.compile("rewound to turn (\\d+)");

  private RewoundTurn() {}

  /** The turn, or empty when the agent was not rewound or has started a turn since. */
  static OptionalInt of(Agents agents, String agentId) {
    long last;
    List<AgentEvent> recent;
    try {
      last = agents.events(agentId, Long.MAX_VALUE).lastSeq();
      recent = agents.events(agentId, Math.max(0, last - LOOK_BACK)).events();
    } catch (RuntimeException e) {
      // Show what the snapshot says rather than fail over an annotation.
      return OptionalInt.empty();
    }
    for (int i = recent.size() - 1; i >= 0; i--) {
      AgentEvent event = recent.get(i);
      if (event.type() == AgentEvent.Type.TURN_STARTED) {
        return OptionalInt.empty();
      }
      if (event.type() == AgentEvent.Type.REWOUND && event.text() != null) {
        Matcher m = REWOUND_TO.matcher(event.text());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }
}
