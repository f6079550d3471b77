package dev.steward.cli;

import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.PendingApproval;
import java.io.PrintWriter;
import java.util.Locale;

/** Decides a tool call that waits for approval, and says what it decided. */
interface Approver {

  /** The decision, or null to leave the call waiting for someone else. */
  Decision decide(PendingApproval pending);

  /** Who decides, for the record. */
  static String who() {
    String user = System.getProperty("user.name");
    return "cli:" + (user == null || user.isBlank() ? "unknown" : user);
  }

  /** Always the same answer, printed on {@code err} so nobody wonders why a tool ran or not. */
  static Approver fixed(boolean approved, String reason, PrintWriter err) {
    return pending -> {
      err.printf("  ? %s %s: %s (%s)%n", pending.tool(), Format.shorten(pending.arguments(), 120),
          approved ? "approved" : "denied", reason);
      err.flush();
      return new Decision(pending.callId(), approved, reason, who());
    };
  }

  /** Decides nothing; says how to decide from elsewhere. */
  static Approver leavePending(String agentId, PrintWriter err) {
    return pending -> {
      err.printf("  ? %s %s waits for approval: steward approve %s %s (or deny)%n", pending.tool(),
          Format.shorten(pending.arguments(), 120), agentId, pending.callId());
      err.flush();
      return null;
    };
  }

  /** Asks the person at the terminal; anything but y/yes is a no. End of input is a no. */
  static Approver asking(Terminal terminal, PrintWriter err) {
    return pending -> {
      err.printf("  ? the agent wants to run %s %s%n    approve? [y/N] ", pending.tool(),
          Format.shorten(pending.arguments(), 300));
      err.flush();
      String answer = terminal.readLine();
      boolean approved = answer != null
          && (answer.trim().toLowerCase(Locale.ROOT).equals("y") || answer.trim().toLowerCase(Locale.ROOT).equals("yes"));
      String reason = approved ? "approved at the terminal" : "refused at the terminal";
      return new Decision(pending.callId(), approved, reason, who());
    };
  }
}
