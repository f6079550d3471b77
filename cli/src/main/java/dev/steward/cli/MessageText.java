package dev.steward.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A message given on the command line: the text itself, {@code -} for standard input, or
 * {@code @FILE} for a file's text ({@code @@...} for text that starts with {@code @}). Large messages
 * cannot be arguments (the system's limit is a few hundred KiB), so they come this way.
 */
final class MessageText {

  /** What the message parameters say about these forms. */
  static final String HELP = "The message; - reads it from standard input, @FILE from a file (@@ for a leading @).";

  private MessageText() {}

  static String resolve(String argument, Terminal terminal) {
    if (argument.equals("-")) {
      return terminal.readAll();
    }
    if (argument.startsWith("@@")) {
      return argument.substring(1);
    }
    if (argument.startsWith("@")) {
      Path file = Path.of(argument.substring(1));
      try {
        return Files.readString(file);
      } catch (FileSystemException e) {
        throw new UsageException(FailureHandler.describe(e));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return argument;
  }
}
