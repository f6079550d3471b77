package dev.steward.workflows.agent.steps;

import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps tool call ids unique over the agent's life. Some model servers number calls afresh in every
 * response ({@code call_0}); a reused id would let an old decision approve a new call and give two
 * calls one idempotency key. A reused id gets the turn and step appended; the model sees the new id
 * in the transcript it is sent, so calls and results still pair up.
 */
public final class CallIds {

  private CallIds() {}

  public static ModelResponse unique(ModelResponse response, Journal journal, int turn, int step) {
    if (!reusesAnId(response, journal) || !Versions.atLeast(ChangeIds.UNIQUE_CALL_IDS, 1)) {
      return response;
    }
    Set<String> taken = new HashSet<>();
    List<ToolCall> calls = new ArrayList<>();
    for (ToolCall c : response.toolCalls()) {
      String id = c.id();
      for (int n = 1; journal.knowsCallId(id) || !taken.add(id); n++) {
        id = c.id() + "-t" + turn + "s" + step + (n == 1 ? "" : "-" + n);
      }
      calls.add(id.equals(c.id()) ? c : new ToolCall(id, c.name(), c.arguments()));
    }
    return new ModelResponse(response.text(), calls, response.usage());
  }

  private static boolean reusesAnId(ModelResponse response, Journal journal) {
    Set<String> seen = new HashSet<>();
    return response.toolCalls().stream().anyMatch(c -> journal.knowsCallId(c.id()) || !seen.add(c.id()));
  }
}
