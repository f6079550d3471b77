package dev.steward.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the CLI with captured output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return withInput("", args);
  }

  /** Runs with {@code input} as a non-interactive standard input. */
  static CliRun withInput(String input, String... args) {
    return run(input, false, args);
  }

  /** Runs as if a person at a terminal typed {@code input}. */
  static CliRun interactive(String input, String... args) {
    return run(input, true, args);
  }

  private static CliRun run(String input, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), interactive);
    int code = StewardCli.execute(terminal, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
