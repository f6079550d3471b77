package dev.steward.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
 * @param allowedCredentials the names of the workers' environment variables that specs sent to the gateway
 *     may name as credentials ({@code model.credential}, {@code fallbacks[].credential},
 *     {@code memory.summarizer.credential}, the {@code credential}, {@code ${NAME}} in {@code headers} of
 *     {@code mcp_servers}, {@code http_tools} and {@code openapi}, and {@code mcp_servers[].env}), also in
 *     sub-agents' specs; {@value #ANY_CREDENTIAL} allows any name. Default none: the spec decides where a
 *     credential is sent ({@code base_url}, {@code url}), so a caller could otherwise have any worker secret
 *     sent to its own server. Agent files from {@code agentsDir} may name any.
 * @param allowPrivateNetwork whether specs sent to the gateway may set {@code allow_private: true} (on
 *     {@code http_get}, {@code http_tools[]}, {@code openapi[]}), letting the workers call loopback, private
 *     and link-local addresses (their own network, cloud metadata); default false. Agent files from
 *     {@code agentsDir} may.
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
    String bindHost,
    Set<String> allowedCredentials,
    boolean allowPrivateNetwork) {

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
  /**
   * Environment variable for {@link #allowedCredentials}: comma-separated names, e.g.
   * {@code OPENAI_API_KEY,ANTHROPIC_API_KEY}, or {@value #ANY_CREDENTIAL}.
   */
  public static final String CREDENTIALS_VARIABLE = "STEWARD_GATEWAY_CREDENTIALS";
  /** Environment variable for {@link #allowPrivateNetwork}: {@code true} turns it on. */
  public static final String ALLOW_PRIVATE_NETWORK_VARIABLE = "STEWARD_GATEWAY_ALLOW_PRIVATE_NETWORK";
  /** In {@link #allowedCredentials}: every name is allowed. */
  public static final String ANY_CREDENTIAL = "*";

  // What HeaderValues and the model providers look up: an environment variable's name.
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public GatewaySettings {
    port = port < 0 ? DEFAULT_PORT : port;
    apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
    maxRequestBytes = maxRequestBytes <= 0 ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
    shutdownGrace = shutdownGrace == null || shutdownGrace.isNegative() ? DEFAULT_SHUTDOWN_GRACE : shutdownGrace;
    bindHost = bindHost == null || bindHost.isBlank() ? null : bindHost.strip();
    allowedCredentials = credentialNames(allowedCredentials);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key");
    }
  }

  /** The settings of earlier versions; {@link #allowStdioMcp} off, every interface, no credentials, no private network. */
  public GatewaySettings(int port, Path agentsDir, Path apiKeysFile, Map<String, String> apiKeys, Path tlsCert,
      Path tlsKey, long maxRequestBytes, Duration shutdownGrace) {
    this(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace, false, null);
  }

  /** The settings of earlier versions; no credentials and no private network in specs sent to the gateway. */
  public GatewaySettings(int port, Path agentsDir, Path apiKeysFile, Map<String, String> apiKeys, Path tlsCert,
      Path tlsKey, long maxRequestBytes, Duration shutdownGrace, boolean allowStdioMcp, String bindHost) {
    this(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace, allowStdioMcp, bindHost,
        Set.of(), false);
  }

  /**
   * Every setting at its default: port 8080 on every interface, no agents folder, no keys (auth off),
   * no TLS, and in specs sent to the gateway no stdio MCP servers, no worker credentials and no private
   * network addresses.
   */
  public static GatewaySettings defaults() {
    return new GatewaySettings(DEFAULT_PORT, null, null, Map.of(), null, null, 0, null, false, null, Set.of(), false);
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
        null,
        credentialsFromEnvironment(env.get(CREDENTIALS_VARIABLE)),
        Boolean.parseBoolean(String.valueOf(env.get(ALLOW_PRIVATE_NETWORK_VARIABLE)).strip()));
  }

  /**
   * Reads a comma-separated list of environment variable names, as {@value #CREDENTIALS_VARIABLE} and
   * {@code --allow-credentials} take it; blank entries are skipped.
   *
   * @throws IllegalArgumentException naming an entry that is neither a variable name nor {@value #ANY_CREDENTIAL}
   */
  public static Set<String> parseCredentials(String list) {
    Set<String> names = new TreeSet<>();
    if (list == null) {
      return names;
    }
    for (String entry : list.split(",")) {
      if (!entry.isBlank()) {
        names.add(entry.strip());
      }
    }
    return credentialNames(names);
  }

  private static Set<String> credentialsFromEnvironment(String list) {
    try {
      return parseCredentials(list);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CREDENTIALS_VARIABLE + ": " + e.getMessage(), e);
    }
  }

  /** Whether specs sent to the gateway may name the workers' environment variable {@code name} as a credential. */
  public boolean credentialAllowed(String name) {
    return allowedCredentials.contains(ANY_CREDENTIAL) || allowedCredentials.contains(name);
  }

  /** Whether the port speaks TLS. */
  public boolean tls() {
    return tlsCert != null;
  }

  public GatewaySettings withPort(int value) {
    return new GatewaySettings(value, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  public GatewaySettings withAgentsDir(Path value) {
    return new GatewaySettings(port, value, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  public GatewaySettings withApiKeysFile(Path value) {
    return new GatewaySettings(port, agentsDir, value, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  /** Replaces the inline keys; {@code keys} maps each key to its tenant. */
  public GatewaySettings withApiKeys(Map<String, String> keys) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, keys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  public GatewaySettings withTls(Path cert, Path key) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, cert, key, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  public GatewaySettings withMaxRequestBytes(long value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, value, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  public GatewaySettings withShutdownGrace(Duration value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, value,
        allowStdioMcp, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  public GatewaySettings withAllowStdioMcp(boolean value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        value, bindHost, allowedCredentials, allowPrivateNetwork);
  }

  /** Listens on this interface only; null for every interface. */
  public GatewaySettings withBindHost(String value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, value, allowedCredentials, allowPrivateNetwork);
  }

  /**
   * Replaces the credential names specs sent to the gateway may name; {@value #ANY_CREDENTIAL} for any.
   *
   * @throws IllegalArgumentException naming an entry that is not an environment variable's name
   */
  public GatewaySettings withAllowedCredentials(Collection<String> names) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, names == null ? null : Set.copyOf(names), allowPrivateNetwork);
  }

  public GatewaySettings withAllowPrivateNetwork(boolean value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, value);
  }

  private static Set<String> credentialNames(Set<String> names) {
    if (names == null) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>();
    for (String name : names) {
      String n = name == null ? "" : name.strip();
      if (!n.equals(ANY_CREDENTIAL) && !VARIABLE_NAME.matcher(n).matches()) {
        throw new IllegalArgumentException("'" + n + "' is not the name of an environment variable (letters, digits"
            + " and _, not starting with a digit) nor " + ANY_CREDENTIAL + " for any; list credentials comma-separated,"
            + " e.g. OPENAI_API_KEY,ANTHROPIC_API_KEY");
      }
      out.add(n);
    }
    return Collections.unmodifiableSet(out);
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.strip());
  }
}
