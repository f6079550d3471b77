package dev.steward.cli;

import picocli.CommandLine.Command;

/** {@code steward approve ID CALL}. */
@Command(name = "approve", description = "Approve a tool call that waits for approval.")
final class ApproveCommand extends DecideCommand {

  @Override
  boolean approved() {
    return true;
  }

  @Override
  String reason() {
    return null;
  }
}
