package dev.steward.cli;

import dev.steward.gateway.console.ConsoleFiles;

import dev.steward.client.ClientSettings;
import dev.steward.connection.TemporalConnection;
import dev.steward.gateway.GatewaySettings;
import dev.steward.gateway.StewardGateway;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steward gateway}: the Steward gateway alone, against the Temporal server at {@code --address},
 * until Ctrl-C or SIGTERM. Workers run elsewhere ({@code steward worker}).
 */
@Command(
    name = "gateway",
    description = {
      "Run the Steward gateway (gRPC, gRPC-Web and HTTP/JSON on one port) against the Temporal server at --address.",
      "Temporal's TLS, mTLS and API key: the --tls* and --api-key options, TEMPORAL_* variables or a --profile.",
      "API keys come from STEWARD_API_KEYS (tenant:key,...) or STEWARD_API_KEYS_FILE. TLS: STEWARD_TLS_CERT and"
          + " STEWARD_TLS_KEY (PEM files).",
      "WARNING: without API keys, auth is off on every interface: every caller is tenant 'default' and can start,"
          + " read, change and stop every agent. Set keys before anyone else can reach the port.",
      "Specs that callers send are self-contained (the gateway reads no files for them) and may not declare stdio"
          + " MCP servers unless --allow-stdio-mcp, name credentials of the workers unless --allow-credentials lists"
          + " them, nor set allow_private unless --allow-private-network; agent files in --agents-dir may do all of"
          + " that.",
      "Stop with Ctrl-C: calls in flight get up to 10 s to finish."
    })
final class GatewayCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:" + GatewaySettings.PORT_VARIABLE + ":-8080}",
      description = "Port for gRPC, HTTP/JSON, /docs, /health and /metrics (env " + GatewaySettings.PORT_VARIABLE
          + "; default: ${DEFAULT-VALUE}; 0 for a free one).")
  int port;

  @Option(names = "--agents-dir", paramLabel = "DIR", defaultValue = "${env:" + GatewaySettings.AGENTS_DIR_VARIABLE + "}",
      description = "Agent files that StartAgent accepts by name (spec_name) (env " + GatewaySettings.AGENTS_DIR_VARIABLE
          + "; default: none).")
  Path agentsDir;

  @Option(names = "--allow-stdio-mcp",
      description = "Accept stdio MCP servers (mcp_servers[].command) in specs that callers send; the workers run"
          + " those commands, so only when every caller may run commands there (env "
          + GatewaySettings.ALLOW_STDIO_MCP_VARIABLE + "=true; default: refused).")
  boolean allowStdioMcp;

  @Option(names = "--allow-credentials", paramLabel = "NAMES[@HOSTS]",
      description = "Workers' environment variables that callers' specs may name as credentials (model.credential,"
          + " credential and $${NAME} headers of mcp_servers, http_tools, openapi), each bound to the hosts it may be"
          + " sent to: NAME@host,host (host, *.domain or address), e.g. CRM_TOKEN@crm.example.com; the providers' keys"
          + " OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY need no hosts (their endpoint). A spec pairing one with"
          + " another base_url or url is refused. Comma-separated names share the hosts; repeat the option for"
          + " more; * for any name sent anywhere (env " + GatewaySettings.CREDENTIALS_VARIABLE
          + ", entries separated by ';', added to these; default: none).")
  java.util.List<String> allowCredentials;

  @Option(names = "--allow-private-network",
      description = "Accept allow_private: true (http_get, http_tools, openapi) in specs that callers send, letting"
          + " the workers call loopback, private and link-local addresses (their own network, cloud metadata);"
          + " only when every caller may reach that network (env " + GatewaySettings.ALLOW_PRIVATE_NETWORK_VARIABLE
          + "=true; default: refused).")
  boolean allowPrivateNetwork;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<String> credentials;
    try {
      credentials = GatewaySettings.parseCredentials(allowCredentials == null ? null : String.join(";", allowCredentials));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--allow-credentials: " + e.getMessage());
    }
    GatewaySettings settings = GatewaySettings.fromEnvironment().withPort(port).withAgentsDir(agentsDir);
    Set<String> allowed = new TreeSet<>(settings.allowedCredentials());
    allowed.addAll(credentials);
    settings = settings.withAllowStdioMcp(settings.allowStdioMcp() || allowStdioMcp)
        .withAllowedCredentials(allowed)
        .withAllowPrivateNetwork(settings.allowPrivateNetwork() || allowPrivateNetwork);
    TemporalConnection temporal = connection.connection();
    if (!Probe.reachable(temporal, Probe.DEFAULT_TOTAL)) {
      // A service should come up even if Temporal is late; its calls answer UNAVAILABLE until then.
      err.println("steward: warning: no Temporal server answers at " + temporal.describe()
          + " yet; the gateway answers UNAVAILABLE until one does");
      err.flush();
    }
    StewardGateway gateway = start(settings, connection.clientSettings(), "--port");
    out.println("Steward gateway listening on port " + gateway.port() + " (gRPC, gRPC-Web, HTTP/JSON)");
    out.println("  Docs      " + docsUrl(gateway));
    out.println("  Console   " + consoleUrl(gateway));
    out.println("  Temporal  " + temporal.describe() + ", task queue " + connection.taskQueue());
    // StewardGateway logs the WARN line when auth is off; the banner says what it means.
    out.println("  Auth      " + (auth(gateway.settings()) ? "API keys"
        : "off: every caller is tenant 'default' and can start, read, change and stop every agent (set "
            + GatewaySettings.API_KEYS_VARIABLE + " or " + GatewaySettings.API_KEYS_FILE_VARIABLE + ")"));
    if (gateway.settings().allowStdioMcp()) {
      out.println("  MCP       stdio servers accepted in callers' specs: every caller can run commands on the workers");
    }
    if (!gateway.settings().allowedCredentials().isEmpty()) {
      out.println("  Secrets   " + credentials(gateway.settings()));
    }
    if (gateway.settings().allowPrivateNetwork()) {
      out.println("  Network   allow_private accepted in callers' specs: every caller can reach the workers' network");
    }
    out.println("Ctrl-C stops it.");
    out.flush();
    UntilShutdown.await(gateway);
    return 0;
  }

  /**
   * Starts a gateway that opens (and closes) its own connection to Temporal, with a clear error when
   * the port is taken.
   *
   * @param portOption the option that sets the port, for the error message
   */
  static StewardGateway start(GatewaySettings settings, ClientSettings temporal, String portOption) {
    StewardGateway gateway = StewardGateway.builder().settings(settings).clientSettings(temporal).build();
    try {
      return gateway.start();
    } catch (IllegalStateException e) {
      gateway.close();
      throw new IllegalStateException(e.getMessage() + " (is another gateway running there? pick another port with "
          + portOption + ")", e);
    }
  }

  /** The Steward console's page on this gateway. */
  static String consoleUrl(StewardGateway gateway) {
    return (gateway.settings().tls() ? "https" : "http") + "://" + host(gateway) + ":" + gateway.port()
        + ConsoleFiles.PATH;
  }

  static String docsUrl(StewardGateway gateway) {
    return (gateway.settings().tls() ? "https" : "http") + "://" + host(gateway) + ":" + gateway.port() + "/docs";
  }

  /** The host clients use: {@code localhost} unless the gateway listens on one other interface only. */
  static String host(StewardGateway gateway) {
    String bind = gateway.settings().bindHost();
    return bind == null ? "localhost" : LocalTemporalServer.clientHost(bind);
  }

  /** What callers' specs may do with the workers' credentials, for a banner. */
  static String credentials(GatewaySettings settings) {
    return settings.credentialAllowed(GatewaySettings.ANY_CREDENTIAL)
        ? "callers' specs may name any of the workers' environment variables as a credential, and have it sent"
            + " to any endpoint"
        : "callers' specs may name " + String.join(", ", settings.allowedCredentials())
            + " as credentials, each sent only to the hosts after its @";
  }

  private static boolean auth(GatewaySettings settings) {
    return !settings.apiKeys().isEmpty() || settings.apiKeysFile() != null;
  }
}
