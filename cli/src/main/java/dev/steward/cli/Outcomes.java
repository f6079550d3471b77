package dev.steward.cli;

import dev.steward.workflows.agent.TurnOutcome;
import java.io.PrintWriter;

/** Prints a turn's outcome and turns it into an exit code: 0 when completed, else 1 with the reason on stderr. */
final class Outcomes {

  private Outcomes() {}

  /**
   * @param jsonText the JSON to print instead of the reply, or null for text output
   */
  static int print(TurnOutcome outcome, String jsonText, PrintWriter out, PrintWriter err) {
    if (jsonText != null) {
      out.println(jsonText);
    } else if (outcome.reply() != null && !outcome.reply().isBlank()) {
      out.println(outcome.reply().strip());
    }
    out.flush();
    if (outcome.completed()) {
      return 0;
    }
    err.println("steward: turn " + outcome.turn() + " ended " + outcome.status()
        + (outcome.error() == null || outcome.error().isBlank() ? "" : ": " + outcome.error()));
    err.flush();
    return StewardCli.EXIT_FAILURE;
  }
}
