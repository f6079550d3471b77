package dev.steward.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steward deny ID CALL [--reason R]}. */
@Command(name = "deny", description = "Deny a tool call that waits for approval; the agent is told why.")
final class DenyCommand extends DecideCommand {

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown to the agent.")
  String reason;

  @Override
  boolean approved() {
    return false;
  }

  @Override
  String reason() {
    return reason;
  }
}
