package dev.steward.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Set;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Sets log levels for the command about to run: long-running commands log as {@code logback.xml}
 * says (INFO); one-shot commands only log warnings of their own, so their output stays readable.
 * {@code --verbose} shows INFO from everything and DEBUG from Steward.
 */
final class LoggingExecutionStrategy implements IExecutionStrategy {

  private static final Set<String> LONG_RUNNING = Set.of("dev", "worker", "server", "gateway");

  @Override
  public int execute(ParseResult parsed) {
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    boolean verbose = FailureHandler.isVerbose(parsed);
    if (verbose) {
      level(Logger.ROOT_LOGGER_NAME, Level.INFO);
      level("dev.steward", Level.DEBUG);
    } else if (!LONG_RUNNING.contains(leaf.commandSpec().name())) {
      level(Logger.ROOT_LOGGER_NAME, Level.WARN);
      level("io.temporal", Level.ERROR);
      level("io.grpc", Level.ERROR);
      level("io.netty", Level.ERROR);
    }
    return new RunLast().execute(parsed);
  }

  private static void level(String name, Level level) {
    if (LoggerFactory.getLogger(name) instanceof Logger logger) {
      logger.setLevel(level);
    }
  }
}
