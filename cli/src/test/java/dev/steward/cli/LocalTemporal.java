package dev.steward.cli;

import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;

/**
 * What most CLI tests run against, in this JVM: the embedded Temporal server on a free port with
 * Steward's search attributes, and a worker. {@link #cli} runs the CLI against it.
 */
final class LocalTemporal implements AutoCloseable {

  private final EmbeddedTemporal server;
  private final StewardWorker worker;

  private LocalTemporal(EmbeddedTemporal server, StewardWorker worker) {
    this.server = server;
    this.worker = worker;
  }

  static LocalTemporal start() throws Exception {
    EmbeddedTemporal server = EmbeddedTemporal.startOnFreePort();
    SearchAttributes.register(server.address(), "default");
    StewardWorker worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(server.address())).start();
    return new LocalTemporal(server, worker);
  }

  String address() {
    return server.address();
  }

  /** The CLI with these arguments and {@code --address} of this server. */
  CliRun cli(String... args) {
    String[] withAddress = new String[args.length + 2];
    System.arraycopy(args, 0, withAddress, 0, args.length);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = server.address();
    return CliRun.of(withAddress);
  }

  @Override
  public void close() {
    // The worker before the server, like a real shutdown.
    worker.close();
    server.close();
  }
}
