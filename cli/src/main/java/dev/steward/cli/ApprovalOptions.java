package dev.steward.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What to answer when a tool call waits for approval and nobody can be asked. With a terminal the
 * person is asked unless one of these switches is given.
 */
public final class ApprovalOptions {

  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(names = "--approve-all", description = "Approve every tool call that needs approval, without asking.")
    boolean approveAll;

    @Option(names = "--deny-all", description = "Deny every tool call that needs approval, without asking.")
    boolean denyAll;
  }

  /**
   * The approver for a one-shot run: a fixed answer when a switch was given, else the terminal,
   * else deny (the run is about to end; nobody could decide later).
   */
  Approver approver(Terminal terminal, java.io.PrintWriter err) {
    Approver chosen = chosen(terminal, err);
    return chosen != null ? chosen
        : Approver.fixed(false, "no terminal to ask; pass --approve-all to allow", err);
  }

  /**
   * The approver for a long-lived agent: a fixed answer when a switch was given, else the terminal,
   * else none: the call keeps waiting for {@code steward approve|deny}, which anyone may run.
   */
  Approver approverOrLeavePending(Terminal terminal, String agentId, java.io.PrintWriter err) {
    Approver chosen = chosen(terminal, err);
    return chosen != null ? chosen : Approver.leavePending(agentId, err);
  }

  private Approver chosen(Terminal terminal, java.io.PrintWriter err) {
    if (choice != null && choice.approveAll) {
      return Approver.fixed(true, "--approve-all", err);
    }
    if (choice != null && choice.denyAll) {
      return Approver.fixed(false, "--deny-all", err);
    }
    return terminal.interactive() ? Approver.asking(terminal, err) : null;
  }
}
