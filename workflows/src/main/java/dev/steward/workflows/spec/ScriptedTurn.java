package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One turn of the scripted model: the steps it plays, one per model call, in order.
 *
 * @param match a case-insensitive piece of the person's message that selects this turn; null
 *     matches any message. The first matching turn is played; with none, the model echoes.
 * @param steps what the model "says" at each step of the turn
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScriptedTurn(String match, List<ScriptedStep> steps) {
  public ScriptedTurn {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
