package dev.steward.activities.tools.mcp;

import dev.steward.activities.tools.ToolException;
import dev.steward.workflows.spec.McpServerSpec;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's connection to one MCP server: started on first use, its tool list cached until the
 * server says it changed ({@code notifications/tools/list_changed}) or a tool is missing, and
 * started again on the next use after it broke (a stdio process that exited, a failed transport).
 */
final class McpConnection implements AutoCloseable {

  /** How often a waiting call heartbeats: 2 s. */
  static final Duration BEAT = Duration.ofSeconds(2);
  /** Starting a server (npx may download it first) and the MCP handshake: 60 s. */
  static final Duration INITIALIZE_TIMEOUT = Duration.ofSeconds(60);

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

  private McpSyncClient client;
  /** Completes when the stdio process of {@link #client} ends; never for HTTP. */
  private CompletableFuture<Void> exited = new CompletableFuture<>();
  private volatile List<McpSchema.Tool> tools;

  McpConnection(McpServerSpec server, Function<String, String> env, McpJsonMapper json) {
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
    McpSyncClient c = client();
    try {
      List<McpSchema.Tool> all = new ArrayList<>();
      String cursor = null;
      do {
        McpSchema.ListToolsResult page = cursor == null ? c.listTools() : c.listTools(cursor);
        all.addAll(page.tools());
        cursor = page.nextCursor();
      } while (cursor != null && !cursor.isEmpty());
      tools = List.copyOf(all);
      return tools;
    } catch (RuntimeException e) {
      broken(c);
      throw new ToolException("MCP server " + server.name() + " could not list its tools: " + McpErrors.describe(e), e);
    }
  }

  /** The tool with this MCP name; a miss lists again once, since the server may have added it. */
  Optional<McpSchema.Tool> find(String toolName) throws ToolException {
    Optional<McpSchema.Tool> found = tools().stream().filter(t -> t.name().equals(toolName)).findFirst();
    if (found.isPresent()) {
      return found;
    }
    tools = null;
    return tools().stream().filter(t -> t.name().equals(toolName)).findFirst();
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
    CompletableFuture<Void> ended = exitedOf(c);
    CompletableFuture<McpSchema.CallToolResult> done = new CompletableFuture<>();
    Future<?> task = CALLS.submit(() -> {
      try {
        done.complete(c.callTool(request));
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

  private synchronized McpSyncClient client() throws ToolException {
    if (client != null && !exited.isDone()) {
      return client;
    }
    closeClient();
    McpClientTransport transport = McpTransports.create(server, env, json);
    McpSyncClient c = McpClient.sync(transport)
        // Our own deadline (in call) is the tool's timeout; the SDK's only backs it up.
        .requestTimeout(Duration.ofSeconds(server.timeoutSecondsOrDefault()).plus(Duration.ofMinutes(10)))
        .initializationTimeout(INITIALIZE_TIMEOUT)
        .clientInfo(new McpSchema.Implementation("steward", "0.1.0"))
        .toolsChangeConsumer(changed -> tools = null)
        .build();
    try {
      c.initialize();
    } catch (RuntimeException e) {
      c.close();
      throw new ToolException("could not start MCP server " + server.name() + ": " + McpErrors.describe(e), e);
    }
    CompletableFuture<Void> ended = new CompletableFuture<>();
    if (transport instanceof StdioClientTransport stdio) {
      Thread watcher = new Thread(() -> {
        try {
          stdio.awaitForExit();
        } catch (RuntimeException e) {
          // Either way the process is gone.
        }
        ended.complete(null);
      }, "steward-mcp-exit-" + server.name());
      watcher.setDaemon(true);
      watcher.start();
    }
    log.info("Started MCP server {} ({})", server.name(), server.isStdio() ? "stdio" : server.url());
    client = c;
    exited = ended;
    tools = null;
    return c;
  }

  private synchronized CompletableFuture<Void> exitedOf(McpSyncClient c) {
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

  @Override
  public synchronized void close() {
    closeClient();
  }
}
