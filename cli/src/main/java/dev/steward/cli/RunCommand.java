package dev.steward.cli;

import dev.steward.worker.observe.MetricsEndpoint;

import dev.steward.client.AgentAlreadyExistsException;
import dev.steward.client.AgentClient;
import dev.steward.client.StewardException;
import dev.steward.client.StewardTimeoutException;
import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code steward run FILE TASK}: one task, start to finish. Uses the Temporal server at the address
 * when one answers, else an embedded one; runs a worker in this process; starts the agent, asks,
 * prints tool calls on stderr as they happen and the reply on stdout, then stops the agent.
 */
@Command(
    name = "run",
    description = {
      "Run one task with the agent in FILE and print its reply.",
      "Needs no server: without one at --address it runs an embedded one for this run.",
      "Exit code 0 when the turn completed, 1 otherwise."
    })
final class RunCommand implements Callable<Integer> {

  /** How long to wait for a stopped agent to end before leaving it to other workers. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  @Parameters(index = "0", paramLabel = "FILE", description = "The agent file (YAML).")
  Path file;

  @Parameters(index = "1", paramLabel = "TASK", description = "What to ask the agent; - reads it from standard"
      + " input, @FILE from a file (@@ for a leading @).")
  String task;

  @Option(names = "--id", paramLabel = "ID", description = "The agent's id (default: agent-<name>-<random>).")
  String id;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
      description = "How long to wait for the reply, approvals included (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--no-worker",
      description = "Do not run a worker in this process; rely on workers already serving the task queue.")
  boolean noWorker;

  @Option(names = "--keep", description = "Leave the agent running afterwards (only useful with a real server).")
  boolean keep;

  @Mixin ConnectionOptions connection;
  @Mixin MetricsOptions metrics;
  @Mixin ApprovalOptions approval;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;
  @ParentCommand StewardCli root;

  @Override
  public Integer call() {
    AgentSpec agent = AgentFiles.load(file);
    UserMessage message = UserMessage.of(MessageText.resolve(task, root.terminal()));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (MetricsEndpoint endpoint = metrics.start(false, null, err);
        Session session = Session.open(connection, !noWorker, err)) {
      AgentClient client = session.client();
      String agentId = AgentClient.agentIdFor(id, agent);
      err.println("steward: agent " + agentId + " (" + agent.model().label() + ") is working on it...");
      err.flush();
      TurnOutcome outcome;
      boolean ours = true;
      try {
        Approver approver = approval.approver(root.terminal(), err);
        // One call starts the agent with the task (update-with-start): the reply comes a round trip sooner.
        outcome = new TurnWatcher(client, agentId, approver, err).fromNow()
            .watch(() -> client.startAndAsk(agentId, agent, null, message, timeout));
      } catch (AgentAlreadyExistsException | IllegalArgumentException e) {
        // Refused before anything started (a taken id is AgentAlreadyExists or its subclass
        // AgentIdUnavailable): the id may be someone else's agent, so leave it be.
        ours = false;
        throw e;
      } finally {
        if (ours && (!keep || session.embedded())) {
          stopQuietly(client, agentId, err);
        }
      }
      return Outcomes.print(outcome, json.enabled() ? Json.write(result(agentId, outcome)) : null, out, err);
    }
  }

  private static Map<String, Object> result(String agentId, TurnOutcome outcome) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("agentId", agentId);
    result.put("outcome", outcome);
    return result;
  }

  /** Stops the agent and waits briefly for it to end, so that this process's worker can see it through. */
  private static void stopQuietly(AgentClient client, String agentId, PrintWriter err) {
    try {
      client.stop(agentId, "steward run finished");
      client.awaitResult(agentId, STOP_WAIT);
    } catch (StewardTimeoutException e) {
      // Another worker finishes the stop; nothing is lost.
    } catch (StewardException e) {
      err.println("steward: could not stop agent " + agentId + ": " + e.getMessage());
    }
  }
}
