package dev.steward.activities.tools.mcp;

import dev.steward.activities.tools.ToolException;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.activities.network.AgentNetwork;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's connection to one MCP server: started on first use, its tool list cached until the
 * server says it changed ({@code notifications/tools/list_changed}) or a tool is missing, and
 * started again on the next use after it broke (a stdio process that exited, a failed transport).
 * A server that fails to start is not tried again for {@link #RETRY_START_AFTER}.
 */
final class McpConnection implements AutoCloseable {

  /** How often a waiting call heartbeats: 2 s. */
  static final Duration BEAT = Duration.ofSeconds(2);
  /** Starting a server (npx may download it first) and the MCP handshake: 60 s. */
  static final Duration INITIALIZE_TIMEOUT = Duration.ofSeconds(60);
  /**
   * After a failed start, uses of the server fail at once with the same reason for 30 s, so a dead
   * server does not cost a start on every model step.
   */
  static final Duration RETRY_START_AFTER = Duration.ofSeconds(30);
  /** How long a process that exited during start gets for its last stderr lines to be read: 1 s. */
  private static final Duration STDERR_WAIT = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(McpConnection.class);
  // Calls block inside the SDK; they run here so the activity thread can heartbeat meanwhile.
  private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "steward-mcp-call");
    t.setDaemon(true);
    return t;
  });

  private final McpServerSpec server;
  private final Function<String, String> env;
  private final McpJsonMapper json;
  private final AgentNetwork network;

  private McpSyncClient client;
  /** Completes when the stdio process of {@link #client} ends; never for HTTP. */
  private CompletableFuture<?> exited = new CompletableFuture<>();
  /** Why the last start failed, and until when (System.nanoTime) that answers every use. */
  private String startFailure;
  private long startFailedUntil;

  // One listing at a time: callers that find no list wait for the one being made and reuse it. A
  // lock rather than a monitor, so a cancelled tool call (its thread interrupted) stops waiting.
  private final ReentrantLock listing = new ReentrantLock();
  private volatile List<McpSchema.Tool> tools;
  /** Counts list_changed notifications, so a list made while one arrived is not kept. */
  private final AtomicLong toolChanges = new AtomicLong();

  /** @param network the policy an HTTP server's url must pass, each time the connection starts */
  McpConnection(McpServerSpec server, Function<String, String> env, McpJsonMapper json, AgentNetwork network) {
    this.network = network;
    this.server = server;
    this.env = env;
    this.json = json;
  }

  McpServerSpec server() {
    return server;
  }

  /** Every tool the server offers, all pages, from the cache when it is fresh. */
  List<McpSchema.Tool> tools() throws ToolException {
    List<McpSchema.Tool> cached = tools;
    if (cached != null) {
      return cached;
    }
    lockListing();
    try {
      cached = tools;
      if (cached != null) {
        return cached;
      }
      McpSyncClient c = client();
      long changes = toolChanges.get();
      try {
        List<McpSchema.Tool> all = retryingExpiredSession(() -> {
          List<McpSchema.Tool> pages = new ArrayList<>();
          String cursor = null;
          do {
            McpSchema.ListToolsResult page = cursor == null ? c.listTools() : c.listTools(cursor);
            pages.addAll(page.tools());
            cursor = page.nextCursor();
          } while (cursor != null && !cursor.isEmpty());
          return List.copyOf(pages);
        });
        if (toolChanges.get() == changes) {
          tools = all;
        }
        return all;
      } catch (RuntimeException e) {
        broken(c);
        throw new ToolException("MCP server " + server.name() + " could not list its tools: " + McpErrors.describe(e), e);
      }
    } finally {
      listing.unlock();
    }
  }

  /** The tool with this MCP name; a miss lists again once, since the server may have added it. */
  Optional<McpSchema.Tool> find(String toolName) throws ToolException {
    List<McpSchema.Tool> seen = tools();
    Optional<McpSchema.Tool> found = seen.stream().filter(t -> t.name().equals(toolName)).findFirst();
    if (found.isPresent()) {
      return found;
    }
    lockListing();
    try {
      // Only the list this caller looked at: callers missing at once share one new listing.
      if (tools == seen) {
        tools = null;
      }
    } finally {
      listing.unlock();
    }
    return tools().stream().filter(t -> t.name().equals(toolName)).findFirst();
  }

  private void lockListing() throws ToolException {
    try {
      listing.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("interrupted while waiting for MCP server " + server.name() + " to list its tools", e);
    }
  }

  /**
   * Calls a tool and waits at most {@code timeout}, running {@code heartbeat} every {@link #BEAT}
   * (it throws when the activity is cancelled; the call is then abandoned).
   *
   * @throws ToolException for a JSON-RPC error, a timeout, or a server that stopped or failed
   */
  McpSchema.CallToolResult call(McpSchema.CallToolRequest request, Duration timeout, Runnable heartbeat)
      throws ToolException, InterruptedException {
    McpSyncClient c = client();
    CompletableFuture<?> ended = exitedOf(c);
    CompletableFuture<McpSchema.CallToolResult> done = new CompletableFuture<>();
    Future<?> task = CALLS.submit(() -> {
      try {
        done.complete(retryingExpiredSession(() -> c.callTool(request)));
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new ToolException("MCP tool " + server.name() + "." + request.name() + " timed out after "
              + timeout.toSeconds() + " s (timeout_seconds)");
        }
        try {
          CompletableFuture.anyOf(done, ended).get(Math.min(left, BEAT.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          heartbeat.run();
          continue;
        } catch (ExecutionException e) {
          // Reported below from the future that failed.
        }
        if (!done.isDone()) {
          broken(c);
          throw new ToolException("MCP server " + server.name() + " stopped during the call to " + request.name()
              + "; it will be started again on the next call");
        }
        return result(done, c, request.name());
      }
    } finally {
      task.cancel(true);
    }
  }

  private McpSchema.CallToolResult result(CompletableFuture<McpSchema.CallToolResult> done, McpSyncClient c, String tool)
      throws ToolException {
    try {
      return done.join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      McpError rpc = McpErrors.find(cause);
      if (rpc != null && rpc.getJsonRpcError() != null) {
        // The server answered with a JSON-RPC error: it is alive, so the connection stays.
        throw new ToolException("MCP server " + server.name() + " refused " + tool + ": " + McpErrors.describe(rpc));
      }
      broken(c);
      throw new ToolException("MCP server " + server.name() + " failed during " + tool + ": "
          + McpErrors.describe(cause) + "; it will be started again on the next call", cause);
    }
  }

  /**
   * Runs {@code request}, and once more at once when the server no longer knows the HTTP session
   * (it restarted, or expired it): the request was refused before it reached a tool, and the SDK
   * has already begun a new session, which the second try joins.
   */
  private <T> T retryingExpiredSession(Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      if (server.isStdio() || !McpErrors.sessionExpired(e)) {
        throw e;
      }
      log.info("MCP server {} no longer knows its session; starting a new one and trying again", server.name());
      return request.get();
    }
  }

  private synchronized McpSyncClient client() throws ToolException {
    if (client != null && !exited.isDone()) {
      return client;
    }
    closeClient();
    long now = System.nanoTime();
    if (startFailure != null && now - startFailedUntil < 0) {
      throw new ToolException(startFailure + " (next start in " + secondsUntil(startFailedUntil, now) + " s)");
    }
    try {
      return start();
    } catch (ToolException e) {
      startFailure = e.getMessage();
      startFailedUntil = System.nanoTime() + RETRY_START_AFTER.toNanos();
      log.warn("{}; not started again for {} s", startFailure, RETRY_START_AFTER.toSeconds());
      throw new ToolException(startFailure + " (next start in " + RETRY_START_AFTER.toSeconds() + " s)", e.getCause());
    }
  }

  private McpSyncClient start() throws ToolException {
    McpClientTransport transport = McpTransports.create(server, env, json, network);
    CleanEnvironmentStdioTransport stdio = transport instanceof CleanEnvironmentStdioTransport s ? s : null;
    McpSyncClient c = McpClient.sync(transport)
        // Our own deadline (in call) is the tool's timeout; the SDK's only backs it up.
        .requestTimeout(Duration.ofSeconds(server.timeoutSecondsOrDefault()).plus(Duration.ofMinutes(10)))
        .initializationTimeout(INITIALIZE_TIMEOUT)
        .clientInfo(new McpSchema.Implementation("steward", "0.1.0"))
        .toolsChangeConsumer(changed -> {
          toolChanges.incrementAndGet();
          tools = null;
        })
        .build();
    CompletableFuture<Integer> exit = stdio != null ? stdio.exit() : new CompletableFuture<>();
    // The handshake runs beside the process's exit, so a server that dies (or never starts) fails at once.
    CompletableFuture<Void> initialized = CompletableFuture.runAsync(c::initialize, CALLS);
    try {
      CompletableFuture.anyOf(initialized, exit).get();
    } catch (ExecutionException e) {
      // Told below, from the future that failed.
    } catch (InterruptedException e) {
      c.close();
      Thread.currentThread().interrupt();
      throw new ToolException("interrupted while starting MCP server " + server.name(), e);
    }
    if (exit.isDone() || initialized.isCompletedExceptionally()) {
      // Closing stops the SDK's stderr reader, so the reason is gathered first.
      ToolException failed = startFailed(stdio, exit, initialized);
      c.close();
      throw failed;
    }
    log.info("Started MCP server {} ({})", server.name(), server.isStdio() ? "stdio" : server.url());
    client = c;
    exited = exit;
    tools = null;
    return c;
  }

  private ToolException startFailed(CleanEnvironmentStdioTransport stdio, CompletableFuture<Integer> exit,
      CompletableFuture<Void> initialized) {
    Throwable notStarted = exit.isCompletedExceptionally() ? failure(exit) : null;
    if (notStarted != null) {
      return new ToolException("could not start MCP server " + server.name() + ": " + startError(notStarted), notStarted);
    }
    if (exit.isDone()) {
      try {
        stdio.awaitStderr(STDERR_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Integer code = exit.join();
      List<String> stderr = stdio.stderrTail();
      // Best effort: the SDK stops reading stderr once stdout ends, so of lines written just before the exit
      // only the first is sure to be here.
      return new ToolException("MCP server " + server.name() + " exited" + (code == null ? "" : " with code " + code)
          + " during start" + (stderr.isEmpty() ? "" : ": " + String.join(" | ", stderr)));
    }
    Throwable e = failure(initialized);
    return new ToolException("could not start MCP server " + server.name() + ": " + McpErrors.describe(e), e);
  }

  /** A failed start in words: a missing program by name, else the error's own message. */
  private String startError(Throwable e) {
    String why = McpErrors.describe(e);
    String program = server.command().get(0);
    if (why.contains("error=2,")) {
      return program + " not found" + (program.contains("/") ? "" : " on the worker's PATH");
    }
    return why;
  }

  private static Throwable failure(CompletableFuture<?> future) {
    try {
      future.join();
      return null;
    } catch (RuntimeException e) {
      return e.getCause() == null ? e : e.getCause();
    }
  }

  private static long secondsUntil(long deadline, long now) {
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - now + TimeUnit.SECONDS.toNanos(1) - 1));
  }

  private synchronized CompletableFuture<?> exitedOf(McpSyncClient c) {
    return c == client ? exited : CompletableFuture.completedFuture(null);
  }

  /** Drops {@code c} if it is still the current client, so the next use starts afresh. */
  private synchronized void broken(McpSyncClient c) {
    if (c == client) {
      log.warn("MCP server {} is broken; it will be started again on next use", server.name());
      closeClient();
    }
  }

  private void closeClient() {
    if (client != null) {
      try {
        client.close();
      } catch (RuntimeException e) {
        log.debug("Closing MCP server {} failed", server.name(), e);
      }
      client = null;
    }
  }

  /** Stops the server and returns once it is stopped (a stdio process has exited), at most about 10 s. */
  @Override
  public synchronized void close() {
    if (client != null) {
      try {
        // The SDK's close() only schedules the stop, which a worker that exits next never gets to.
        client.closeGracefully();
      } catch (RuntimeException e) {
        log.debug("Stopping MCP server {} failed", server.name(), e);
      }
    }
    closeClient();
  }
}
