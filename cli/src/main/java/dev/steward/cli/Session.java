package dev.steward.cli;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.client.StewardUnavailableException;
import dev.steward.connection.TemporalConnection;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import java.io.PrintWriter;

/**
 * What a one-shot command needs to run agents: a client, a server (the one at the address, or an
 * embedded one when none answers) and, optionally, a worker in this process. Closing it closes what
 * it opened, worker first.
 */
final class Session implements AutoCloseable {

  private final AgentClient client;
  private final StewardWorker worker;
  private final EmbeddedTemporal server;
  private final String address;

  private Session(AgentClient client, StewardWorker worker, EmbeddedTemporal server, String address) {
    this.client = client;
    this.worker = worker;
    this.server = server;
    this.address = address;
  }

  /**
   * Uses the server the connection points to if it answers, else starts an embedded one on a free
   * port (saying so on {@code err}). A worker runs in this process when {@code inProcessWorker} is
   * true, and always with an embedded server, which no other worker can find. A second worker next
   * to one that already serves the task queue is harmless: Temporal hands each task to one of them.
   *
   * <p>A connection with TLS or an API key names a real server: when it does not answer, that is
   * an error, never a quiet switch to an embedded server.
   */
  static Session open(ConnectionOptions connection, boolean inProcessWorker, PrintWriter err) {
    AgentClient client = null;
    EmbeddedTemporal server = null;
    TemporalConnection temporal = connection.connection();
    StewardWorker worker = null;
    try {
      Probe.Answer answer = Probe.ask(temporal, Probe.DEFAULT_TOTAL);
      if (answer == Probe.Answer.SERVING) {
        client = Clients.connect(connection.clientSettings());
      } else if (answer == Probe.Answer.SILENT || temporal.tls() || temporal.hasApiKey()) {
        // A server that is there but slow is not replaced by a second one.
        throw new StewardUnavailableException(temporal.address(), null);
      } else {
        err.println("steward: no Temporal server answers at " + temporal.address()
            + "; running an embedded one for this run (its agents end with it)");
        err.flush();
        server = EmbeddedTemporal.startOnFreePort();
        temporal = connection.embedded(server.address());
        SearchAttributes.register(temporal);
        client = Clients.connect(new ClientSettings(temporal, connection.taskQueue()));
      }
      if (inProcessWorker || server != null) {
        // This worker runs the caller's own agent files, so it may reach their local models and servers.
        WorkerSettings settings = connection.workerSettings(temporal).withAllowPrivateNetwork(true);
        worker = StewardWorker.connect(server != null ? server.forInProcessWorker(settings) : settings).start();
      }
      return new Session(client, worker, server, temporal.address());
    } catch (RuntimeException e) {
      new Session(client, worker, server, temporal.address()).close();
      throw e;
    }
  }

  AgentClient client() {
    return client;
  }

  /** The address of the server in use. */
  String address() {
    return address;
  }

  boolean embedded() {
    return server != null;
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    if (client != null) {
      Clients.closeQuietly(client);
    }
    if (server != null) {
      server.close();
    }
  }
}
