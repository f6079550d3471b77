package dev.steward.activities.tools.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport, but the child process inherits nothing from the worker's
 * environment: it gets exactly the variables in {@link ServerParameters#getEnv()} (PATH, HOME, the
 * SDK's non-secret defaults and the credentials the server names), so a server never sees
 * credentials it was not given. It also tells when the process ends, with its exit code, and keeps
 * the last lines it wrote to stderr, so a server that dies can say why.
 */
final class CleanEnvironmentStdioTransport extends StdioClientTransport {

  /** How many of the last stderr lines are kept: 5. */
  static final int STDERR_TAIL_LINES = 5;
  private static final int MAX_LINE_CHARS = 300;

  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();

  CleanEnvironmentStdioTransport(ServerParameters params, McpJsonMapper json) {
    super(params, json);
    super.setStdErrorHandler(this::remember);
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    ProcessBuilder builder = super.getProcessBuilder();
    // The SDK adds the server's variables after this, onto what we return.
    builder.environment().clear();
    return builder;
  }

  @Override
  public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    // The SDK only logs a failed start and never notices an exit, so a request would wait its whole timeout.
    return super.connect(handler).doOnSuccess(started -> watchExit()).doOnError(exit::completeExceptionally);
  }

  @Override
  public void setStdErrorHandler(Consumer<String> handler) {
    super.setStdErrorHandler(line -> {
      remember(line);
      handler.accept(line);
    });
  }

  /**
   * Completes when the process ends, with its exit code (null where it cannot be read), or
   * exceptionally when the process could not be started.
   */
  CompletableFuture<Integer> exit() {
    return exit;
  }

  /** The last lines the process wrote to stderr, oldest first. */
  List<String> stderrTail() {
    synchronized (stderrTail) {
      return List.copyOf(stderrTail);
    }
  }

  /**
   * Waits, at most {@code max}, until the SDK has read everything the ended process wrote to
   * stderr (it reads on its own thread, so the last lines may still be on their way).
   */
  void awaitStderr(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!Boolean.TRUE.equals(getErrorSink().scan(Scannable.Attr.TERMINATED)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private void remember(String line) {
    synchronized (stderrTail) {
      if (stderrTail.size() == STDERR_TAIL_LINES) {
        stderrTail.removeFirst();
      }
      stderrTail.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line);
    }
  }

  private void watchExit() {
    Process process = process();
    if (process != null) {
      process.onExit().thenAccept(ended -> exit.complete(ended.exitValue()));
      return;
    }
    Thread watcher = new Thread(() -> {
      try {
        awaitForExit();
      } catch (RuntimeException e) {
        // Either way the process is gone.
      }
      exit.complete(null);
    }, "steward-mcp-exit");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** The SDK's process, which it keeps private; null if a later SDK moved it (the exit code is then unknown). */
  private Process process() {
    try {
      Field field = StdioClientTransport.class.getDeclaredField("process");
      field.setAccessible(true);
      return (Process) field.get(this);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
