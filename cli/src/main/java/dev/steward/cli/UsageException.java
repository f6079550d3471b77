package dev.steward.cli;

/** A command was used wrongly in a way picocli cannot see (e.g. a file that does not exist); exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
