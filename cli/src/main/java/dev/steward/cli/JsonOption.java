package dev.steward.cli;

import picocli.CommandLine.Option;

/** The {@code --json} switch of commands that print results. */
public final class JsonOption {

  @Option(names = "--json", description = "Print machine-readable JSON on stdout instead of text.")
  boolean json;

  public boolean enabled() {
    return json;
  }
}
