package dev.steward.gateway;

import dev.steward.network.CredentialHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
 * @param allowedCredentials the workers' environment variables that specs sent to the gateway may name as
 *     credentials ({@code model.credential}, {@code fallbacks[].credential},
 *     {@code memory.summarizer.credential}, the {@code credential}, {@code ${NAME}} in {@code headers} of
 *     {@code mcp_servers}, {@code http_tools} and {@code openapi}, and {@code mcp_servers[].env}), also in
 *     sub-agents' specs, each with the hosts it may be sent to, as {@code NAME@host,host} (see
 *     {@link CredentialHosts}: a provider's well-known key, e.g. {@code OPENAI_API_KEY}, defaults to its
 *     provider's endpoint; any other name must say its hosts). A spec pairing a credential with a
 *     {@code base_url} or {@code url} on another host is refused. {@value #ANY_CREDENTIAL} allows any name
 *     sent anywhere. Default none: the spec decides where a credential is sent, so a caller could otherwise
 *     have any worker secret sent to its own server. Agent files from {@code agentsDir} may name any.
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
   * Environment variable for {@link #allowedCredentials}: entries separated by {@code ;}, each
   * {@code NAME[,NAME...][@HOST[,HOST...]]}, e.g. {@code OPENAI_API_KEY,ANTHROPIC_API_KEY;CRM_TOKEN@crm.example.com},
   * or {@value #ANY_CREDENTIAL}.
   */
  public static final String CREDENTIALS_VARIABLE = "STEWARD_GATEWAY_CREDENTIALS";
  /** Environment variable for {@link #allowPrivateNetwork}: {@code true} turns it on. */
  public static final String ALLOW_PRIVATE_NETWORK_VARIABLE = "STEWARD_GATEWAY_ALLOW_PRIVATE_NETWORK";
  /** In {@link #allowedCredentials}: every name is allowed, sent anywhere. */
  public static final String ANY_CREDENTIAL = CredentialHosts.ANY;

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
   * Reads credentials with their hosts, as {@value #CREDENTIALS_VARIABLE} and {@code --allow-credentials}
   * take them (see {@link CredentialHosts}); blank entries are skipped.
   *
   * @return the entries as {@code NAME@host,host} (defaults filled in), or {@value #ANY_CREDENTIAL}
   * @throws IllegalArgumentException naming an entry that is neither a variable name nor {@value #ANY_CREDENTIAL},
   *     or a name with no hosts and no default
   */
  public static Set<String> parseCredentials(String list) {
    return new TreeSet<>(CredentialHosts.parse(list).entries());
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
    return credentialHosts().lists(name);
  }

  /** {@link #allowedCredentials} with their hosts, for the check of each credential's destination. */
  public CredentialHosts credentialHosts() {
    return CredentialHosts.parse(String.join(";", allowedCredentials));
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
   * Replaces the credentials specs sent to the gateway may name, each {@code NAME} (a provider's well-known
   * key) or {@code NAME@host,host}; {@value #ANY_CREDENTIAL} for any, sent anywhere.
   *
   * @throws IllegalArgumentException naming an entry that is not an environment variable's name, or one with no hosts
   */
  public GatewaySettings withAllowedCredentials(Collection<String> names) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, names == null ? null : Set.copyOf(names), allowPrivateNetwork);
  }

  public GatewaySettings withAllowPrivateNetwork(boolean value) {
    return new GatewaySettings(port, agentsDir, apiKeysFile, apiKeys, tlsCert, tlsKey, maxRequestBytes, shutdownGrace,
        allowStdioMcp, bindHost, allowedCredentials, value);
  }

  /** The entries in their written form, defaults filled in; a bad entry is refused here, at startup. */
  private static Set<String> credentialNames(Set<String> entries) {
    if (entries == null) {
      return Set.of();
    }
    CredentialHosts all = CredentialHosts.none();
    for (String entry : entries) {
      all = all.plus(CredentialHosts.parse(entry == null ? "" : entry));
    }
    return Collections.unmodifiableSet(new TreeSet<>(all.entries()));
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.strip());
  }
}
