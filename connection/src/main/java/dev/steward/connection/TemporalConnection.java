package dev.steward.connection;

import com.uber.m3.tally.Scope;
import dev.steward.connection.telemetry.ProcessMetrics;
import java.util.Optional;

import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Objects;

/**
 * How to reach one Temporal namespace: the address, namespace, TLS (server CA, server name, client
 * certificate for mTLS) and API key, as Temporal's environment configuration resolved them. Get one
 * from {@link TemporalConnections}; every Steward process opens its service stubs from here.
 *
 * <p>{@link #toString()} never shows the API key, nor the certificate or key data.
 *
 * @param profile the resolved profile; its address defaults to {@value #DEFAULT_ADDRESS} and its
 *     namespace to {@value #DEFAULT_NAMESPACE}
 */
public record TemporalConnection(ClientConfigProfile profile) {

  public static final String DEFAULT_ADDRESS = "localhost:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalConnection {
    Objects.requireNonNull(profile, "profile");
    // Filled here so that the stubs, the client and every message agree on where they point.
    profile = profile.toBuilder()
        .setAddress(orDefault(profile.getAddress(), DEFAULT_ADDRESS))
        .setNamespace(orDefault(profile.getNamespace(), DEFAULT_NAMESPACE))
        .build();
  }

  /** A plain-text connection without credentials, e.g. to an embedded server; null or blank for the defaults. */
  public static TemporalConnection plain(String address, String namespace) {
    return new TemporalConnection(ClientConfigProfile.newBuilder().setAddress(address).setNamespace(namespace).build());
  }

  /** {@value #DEFAULT_ADDRESS}, namespace {@value #DEFAULT_NAMESPACE}, plain text. */
  public static TemporalConnection defaults() {
    return plain(null, null);
  }

  /** The frontend, {@code host:port}. */
  public String address() {
    return profile.getAddress();
  }

  public String namespace() {
    return profile.getNamespace();
  }

  /** The same connection to another address (TLS and credentials kept). */
  public TemporalConnection withAddress(String value) {
    return new TemporalConnection(profile.toBuilder().setAddress(value).build());
  }

  /** The same connection to another namespace. */
  public TemporalConnection withNamespace(String value) {
    return new TemporalConnection(profile.toBuilder().setNamespace(value).build());
  }

  /** Whether calls carry an API key. */
  public boolean hasApiKey() {
    return profile.getApiKey() != null && !profile.getApiKey().isEmpty();
  }

  /** Whether the connection uses TLS: when any TLS setting or an API key is given, unless TLS is turned off. */
  public boolean tls() {
    return !tlsTurnedOff() && (profile.getTls() != null || hasApiKey());
  }

  /** Whether this side presents a client certificate (mTLS). */
  public boolean mutualTls() {
    ClientConfigTLS tls = profile.getTls();
    return tls() && tls != null && (given(tls.getClientCertPath()) || given(tls.getClientCertData()));
  }

  /**
   * The options for {@link WorkflowServiceStubs}: target, TLS and the API key as
   * {@code authorization: Bearer <key>}.
   *
   * @throws IllegalArgumentException when a certificate or key cannot be read
   */
  public WorkflowServiceStubsOptions workflowServiceStubsOptions() {
    WorkflowServiceStubsOptions options;
    try {
      options = profile.toWorkflowServiceStubsOptions();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot set up TLS to Temporal at " + address() + ": " + rootMessage(e), e);
    }
    if (tlsTurnedOff()) {
      // The SDK turns TLS on by itself when an API key is set; an explicit "off" must still win.
      options = WorkflowServiceStubsOptions.newBuilder(options).setEnableHttps(false).build();
    }
    return options;
  }

  /** The options for the operator service (search attributes), with the same TLS and API key. */
  public OperatorServiceStubsOptions operatorServiceStubsOptions() {
    return OperatorServiceStubsOptions.newBuilder(workflowServiceStubsOptions()).validateAndBuildWithDefaults();
  }

  /**
   * New workflow service stubs; they connect lazily, so an absent server shows only on the first call.
   * They report the SDK's metrics once the process turned them on ({@link ProcessMetrics#enableSdkMetrics()}).
   */
  public WorkflowServiceStubs newWorkflowServiceStubs() {
    WorkflowServiceStubsOptions options = workflowServiceStubsOptions();
    Optional<Scope> metrics = ProcessMetrics.sdkScope();
    if (metrics.isPresent()) {
      options = WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(metrics.get()).build();
    }
    return WorkflowServiceStubs.newServiceStubs(options);
  }

  /** For people: {@code host:port (namespace ns, TLS, mTLS, API key)}; never the key itself. */
  public String describe() {
    StringBuilder text = new StringBuilder(address()).append(" (namespace ").append(namespace());
    if (tls()) {
      text.append(mutualTls() ? ", mTLS" : ", TLS");
    }
    if (hasApiKey()) {
      text.append(", API key");
    }
    return text.append(')').toString();
  }

  @Override
  public String toString() {
    return "TemporalConnection[" + describe() + "]";
  }

  private boolean tlsTurnedOff() {
    return profile.getTls() != null && Boolean.TRUE.equals(profile.getTls().isDisabled());
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static boolean given(String value) {
    return value != null && !value.isEmpty();
  }

  private static boolean given(byte[] value) {
    return value != null && value.length > 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
