package dev.steward.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the gateway listens, whom it lets in and which agent files it offers by name. Null, blank and
 * non-positive values take the defaults.
 *
 * @param port the one TCP port for gRPC, gRPC-Web, HTTP/JSON, {@code /docs}, {@code /metrics} and
 *     {@code /health}; default {@value #DEFAULT_PORT}; 0 picks a free port (see {@link StewardGateway#port()})
 * @param agentsDir a folder of agent files ({@code *.yaml}, {@code *.yml}) that {@code StartAgent}
 *     and {@code UpdateSpec} accept by name ({@code spec_name}); null for none
 * @param apiKeysFile a file of API keys, one {@code <tenant> <key>} pair per line ({@code #} starts a
 *     comment); null for none. Keys from this file and from {@code apiKeys} are merged.
 * @param apiKeys API keys given directly, key to tenant; default none. With no key at all, auth is
 *     off and every agent belongs to tenant {@code default} (the dev default).
 * @param tlsCert a PEM certificate chain; with {@code tlsKey}, the port speaks TLS only; null for plain text
 * @param tlsKey the PEM private key (PKCS#8) for {@code tlsCert}; null for plain text
 * @param maxRequestBytes the largest request accepted, in bytes; default {@value #DEFAULT_MAX_REQUEST_BYTES}
 *     (1 MiB). Larger gRPC messages fail with RESOURCE_EXHAUSTED, larger HTTP bodies with 413.
 * @param shutdownGrace how long {@code close()} lets in-flight calls finish before cutting them;
 *     default 10 s. Watch streams are ended at the start of the grace period so that they do not hold it up.
 * @param allowStdioMcp whether specs sent to the gateway ({@code spec_yaml}, {@code spec_json}, imports)
 *     may declare stdio MCP servers ({@code mcp_servers[].command}), which the workers run as commands;
 *     default false: only agent files from {@code agentsDir} and the workers' own {@code STEWARD_MCP_SERVERS}
 *     may. Turn it on only when every caller may run commands on the workers.
 * @param bindHost the interface to listen on, e.g. {@code 127.0.0.1}; null or blank for every interface (the default)
 */
public record GatewaySettings(
    int port,
    Path agentsDir,
    Path apiKeysFile,
    Map<String, String> apiKeys,
    Path tlsCert,
    Path tlsKey,
    long maxRequestBytes,
    Duration shutdownGrace,
    boolean allowStdioMcp,
    String bindHost) {

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** Environment variable for {@link #port}. */
  public static final String PORT_VARIABLE = "STEWARD_GATEWAY_PORT";
  /** Environment variable for {@link #agentsDir}. */
  public static final String AGENTS_DIR_VARIABLE = "STEWARD_AGENTS_DIR";
  /** Environment variable for {@link #apiKeysFile}. */
  public static final String API_KEYS_FILE_VARIABLE = "STEWARD_API_KEYS_FILE";
  /**
   * Environment variable holding API keys inline, as comma-separated {@code tenant:key} pairs, e.g.
   * {@code acme:k-123,globex:k-456}.
   */
  public static final String API_KEYS_VARIABLE = "STEWARD_API_KEYS";
  /** Environment variable for {@link #tlsCert}. */
  public static final String TLS_CERT_VARIABLE = "STEWARD_TLS_CERT";
  /** Environment variable for {@link #tlsKey}. */
  public static final String TLS_KEY_VARIABLE = "STEWARD_TLS_KEY";
  /** Environment variable for {@link #allowStdioMcp}: {@code true} turns it on. */
  public static final String ALLOW_STDIO_MCP_VARIABLE = "STEWARD_GATEWAY_ALLOW_STDIO_MCP";

  public GatewaySettings {
    port = port < 0 ? DEFAULT_PORT : port;
    apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
    maxRequestBytes = maxRequestBytes <= 0 ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
    shutdownGrace = shutdownGrace == null || shutdownGrace.isNegative() ? DEFAULT_SHUTDOWN_GRACE : shutdownGrace;
    bindHost = bindHost == null || bindHost.isBlank() ? null : bindHost.strip();
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key");
    }
  }

  /** The settings of earlier versions; {@link #allowStdioMcp} off, every interface. */
  public GatewaySettings(int port, Path agentsDir, Path apiKeysFile, Map<String, String> apiKeys, Path tlsCert,
      Path tlsKey, long maxRequestBytes, Duration shutdownGrace) {
    this(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace, false, null);
  }

  /**
   * Every setting at its default: port 8080 on every interface, no agents folder, no keys (auth off),
   * no TLS, no stdio MCP servers in specs sent to the gateway.
   */
  public static GatewaySettings defaults() {
    return new GatewaySettings(DEFAULT_PORT, null, null, Map.of(), null, null, 0, null, false, null);
  }

  /** Defaults, overridden by the {@code STEWARD_*} variables named on this record's constants. */
  public static GatewaySettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Like {@link #fromEnvironment()}, reading the given variables (for tests). */
  public static GatewaySettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String port = env.get(PORT_VARIABLE);
    return new GatewaySettings(
        port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.strip()),
        path(env.get(AGENTS_DIR_VARIABLE)),
        path(env.get(API_KEYS_FILE_VARIABLE)),
        ApiKeys.parseInline(env.get(API_KEYS_VARIABLE)),
        path(env.get(TLS_CERT_VARIABLE)),
        path(env.get(TLS_KEY_VARIABLE)),
        0, null,
        Boolean.parseBoolean(String.valueOf(env.get(ALLOW_STDIO_MCP_VARIABLE)).strip()),
        null);
  }

  /** Whether the port speaks TLS. */
  public boolean tls() {
    return tlsCert != null;
  }

  public GatewaySettings withPort(int value) {
    return new GatewaySettings(value, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost);
  }

  public GatewaySettings withAgentsDir(Path value) {
    return new GatewaySettings(port, value, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost);
  }

  public GatewaySettings withApiKeysFile(Path value) {
    return new GatewaySettings(port, agentsDir, value, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost);
  }

  /** Replaces the inline keys; {@code keys} maps each key to its tenant. */
  public GatewaySettings withApiKeys(Map<String, String> keys) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, keys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost);
  }

  public GatewaySettings withTls(Path cert, Path key) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, cert, key, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost);
  }

  public GatewaySettings withMaxRequestBytes(long value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, value, shutdownGrace,
        allowStdioMcp, bindHost);
  }

  public GatewaySettings withShutdownGrace(Duration value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, value,
        allowStdioMcp, bindHost);
  }

  public GatewaySettings withAllowStdioMcp(boolean value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        value, bindHost);
  }

  /** Listens on this interface only; null for every interface. */
  public GatewaySettings withBindHost(String value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, value);
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.strip());
  }
}
