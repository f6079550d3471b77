package dev.steward.cli;

import dev.steward.client.StewardException;
import dev.steward.payloads.BlobUnavailableException;
import dev.steward.client.spec.AgentFileException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's exception into one line on stderr and an exit code: 2 for a bad agent file or
 * argument, 1 for anything else. Stack traces only with {@code --verbose}.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    int code = StewardCli.EXIT_FAILURE;
    if (e instanceof AgentFileException file) {
      // Already in file:line: field: reason form, which editors and CI logs link to; all of them at once.
      file.problems().forEach(err::println);
      code = StewardCli.EXIT_USAGE;
    } else if (e instanceof UsageException) {
      err.println("steward: " + e.getMessage());
      code = StewardCli.EXIT_USAGE;
    } else if (BlobUnavailableException.isCause(e)) {
      // The blob's own message names it and the stores; the wrapping request error would hide both.
      err.println("steward: " + BlobUnavailableException.messageOf(e));
    } else if (codecFailure(e) != null) {
      // Likewise a payload this process cannot decrypt: the message names the key and the variables.
      err.println("steward: " + codecFailure(e).getMessage());
    } else if (e instanceof StewardException) {
      err.println("steward: " + e.getMessage());
    } else if (e instanceof FileSystemException file) {
      // The JDK's message is the bare path; say what is wrong with it.
      err.println("steward: " + describe(file));
      code = StewardCli.EXIT_USAGE;
    } else if (e instanceof UncheckedIOException io && io.getMessage() != null) {
      err.println("steward: " + io.getMessage());
    } else {
      err.println("steward: " + describe(e) + (isVerbose(parsed) ? "" : " (run with --verbose for details)"));
    }
    if (isVerbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static Throwable codecFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.temporal.payload.codec.PayloadCodecException) {
        return t;
      }
    }
    return null;
  }

  static boolean isVerbose(ParseResult parsed) {
    return parsed != null && (parsed.expandedArgs().contains("--verbose") || parsed.expandedArgs().contains("-v"));
  }

  static String describe(FileSystemException e) {
    String reason = e instanceof NoSuchFileException ? "no such file"
        : e instanceof AccessDeniedException ? "permission denied"
        : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    return "cannot read " + e.getFile() + ": " + reason;
  }

  /** One line for an Error that ended a command. */
  static String describeError(Error e) {
    if (e instanceof StackOverflowError) {
      return "the input is nested too deeply to read (stack overflow)";
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory (" + describe(e) + "); give the JVM more with STEWARD_JAVA_OPTS=-Xmx...";
    }
    return e.getClass().getSimpleName() + ": " + describe(e);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
