package dev.steward.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code steward} command. Exit codes: 0 success, 1 failure (one line on stderr saying why),
 * 2 usage error (bad option, bad agent file).
 */
@Command(
    name = "steward",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Durable AI agents on Temporal.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      DevCommand.class,
      WorkerCommand.class,
      GatewayCommand.class,
      CodecServerCommand.class,
      RunCommand.class,
      StartCommand.class,
      SendCommand.class,
      AskCommand.class,
      ChatCommand.class,
      ShowCommand.class,
      TranscriptCommand.class,
      ListCommand.class,
      ApproveCommand.class,
      DenyCommand.class,
      UpdateSpecCommand.class,
      StopCommand.class,
      WatchCommand.class,
      AnswerCommand.class,
      MemoryCommand.class,
      ForkCommand.class,
      RewindCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      ScheduleCommand.class,
      ServerCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Start here:  steward run examples/agents/research-assistant.yaml \"What time is it?\"",
      "Develop:     steward dev   (a local Temporal server, worker and gateway; then start, ask, chat, show...)",
      "Gateway:     steward --gateway HOST:PORT COMMAND   sends agent commands through a Steward gateway",
      "Temporal:    every command that talks to Temporal takes --address, --namespace, --api-key, --tls,",
      "             --tls-ca-path, --tls-cert-path, --tls-key-path, --tls-server-name, --tls-disable-host-verification,",
      "             --profile and --config-file, or reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY,",
      "             TEMPORAL_TLS*, TEMPORAL_PROFILE and TEMPORAL_CONFIG_FILE like the temporal CLI (flags win)"
    })
public final class StewardCli implements Callable<Integer> {

  /** Exit code of a usage error: a bad option or argument, or an invalid agent file. */
  public static final int EXIT_USAGE = 2;
  /** Exit code of a failure: the one line on stderr says what went wrong. */
  public static final int EXIT_FAILURE = 1;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show stack traces and more logging.")
  boolean verbose;

  /** {@code steward --gateway host:port COMMAND}: agent commands go through that gateway. */
  @Mixin GatewayOptions gateway;

  @Spec CommandSpec spec;

  private final Terminal terminal;

  StewardCli(Terminal terminal) {
    this.terminal = terminal;
  }

  /** Where commands read lines and ask questions. */
  Terminal terminal() {
    return terminal;
  }

  @Override
  public Integer call() {
    // A bare "steward" is a usage question: show the commands.
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_USAGE;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
    PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
    int code = execute(Terminal.system(), out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
  public static int execute(Terminal terminal, PrintWriter out, PrintWriter err, String... args) {
    try {
      return commandLine(terminal, out, err).execute(args);
    } catch (Error e) {
      // picocli hands only Exceptions to FailureHandler; an Error (a stack overflow on a deeply
      // nested file, out of memory, a broken class path) gets the same one line.
      err.println("steward: " + FailureHandler.describeError(e)
          + (List.of(args).contains("-v") || List.of(args).contains("--verbose") ? "" : " (run with --verbose for details)"));
      if (List.of(args).contains("-v") || List.of(args).contains("--verbose")) {
        e.printStackTrace(err);
      }
      err.flush();
      return EXIT_FAILURE;
    }
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine commandLine(Terminal terminal, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new StewardCli(terminal));
    // Every command answers --help (usage errors point there), not only the top one.
    addHelpOptions(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // A message argument of @FILE means the file's text (MessageText), not picocli's argument file.
    cli.setExpandAtFiles(false);
    cli.setExecutionStrategy(new LoggingExecutionStrategy());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setExecutionExceptionHandler(new FailureHandler());
    return cli;
  }

  private static void addHelpOptions(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      if (sub.getCommandSpec().optionsMap().get("--help") == null) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      addHelpOptions(sub);
    }
  }
}
