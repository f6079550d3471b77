package dev.steward.gateway;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.grpc.GrpcMeterIdPrefixFunction;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import dev.steward.gateway.codec.CodecHttpService;
import dev.steward.gateway.codec.CodecSettings;
import dev.steward.payloads.StewardDataConverter;
import com.linecorp.armeria.server.docs.DocService;
import com.linecorp.armeria.server.grpc.GrpcHealthCheckService;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingOptions;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingQueryParamMatchRule;
import com.linecorp.armeria.server.grpc.UnframedGrpcErrorHandler;
import com.linecorp.armeria.server.healthcheck.SettableHealthChecker;
import com.linecorp.armeria.server.healthcheck.HealthCheckService;
import com.linecorp.armeria.server.metric.MetricCollectingService;
import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.gateway.openai.OpenAiApi;
import dev.steward.connection.telemetry.ProcessMetrics;
import dev.steward.gateway.console.ConsoleFiles;
import dev.steward.network.HostResolver;
import dev.steward.proto.v1.AgentServiceGrpc;
import io.grpc.ServerInterceptors;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Steward gateway: {@code steward.v1.AgentService} on one port, as gRPC, gRPC-Web and HTTP/JSON
 * ({@code curl localhost:8080/v1/agents}), with the DocService at {@code /docs}, {@code grpc.health.v1}
 * and {@code /health}, server reflection (v1 and v1alpha), and Prometheus metrics at {@code /metrics} (the process's
 * meters: the gateway's requests, the Temporal SDK's client series, and in {@code steward dev} the
 * worker's; see docs/OPERATIONS.md).
 *
 * <pre>{@code
 * try (StewardGateway gateway = StewardGateway.builder()
 *     .settings(GatewaySettings.fromEnvironment())
 *     .clientSettings(ClientSettings.fromEnvironment())
 *     .build()
 *     .start()) {
 *   System.out.println("gateway on port " + gateway.port());
 *   gateway.awaitClose();
 * }
 * }</pre>
 */
public final class StewardGateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StewardGateway.class);
  private static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  private final GatewaySettings settings;
  private final AgentClient client;
  private final boolean ownsClient;
  private final WatchRegistry watches = new WatchRegistry();
  // The process's one registry: in steward dev it also holds the worker's meters.
  private final PrometheusMeterRegistry metrics = ProcessMetrics.registry();
  private final Server server;
  private final ApiKeys keys;
  private volatile boolean closed;
  private final HostResolver resolver;
  private OpenAiApi openAi;

  private StewardGateway(GatewaySettings settings, AgentClient client, boolean ownsClient, HostResolver resolver) {
    this.settings = settings;
    this.resolver = resolver;
    this.client = client;
    this.ownsClient = ownsClient;
    this.keys = ApiKeys.from(settings);
    this.server = buildServer(SpecCatalog.load(settings.agentsDir()));
  }

  /** A builder; every setting is optional. */
  public static Builder builder() {
    return new Builder();
  }

  private Server buildServer(SpecCatalog catalog) {
    AgentServiceImpl agents = new AgentServiceImpl(client, catalog, new RemoteSpecs(settings, resolver), watches);
    GrpcService grpc = GrpcService.builder()
        // Only AgentService needs a caller; health and reflection stay open for probes and tools.
        .addService(ServerInterceptors.intercept(agents, new CallerInterceptor(keys)))
        .addService(GrpcHealthCheckService.builder()
            // Probes may ask for the service by name, as Kubernetes' gRPC probe and grpc_health_probe do.
            .serviceCheckers(AgentServiceGrpc.SERVICE_NAME, new SettableHealthChecker(true))
            .build())
        // Reflection under both names: v1, and v1alpha for the clients that know only that one.
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ReflectionV1Alpha.service())
        .enableHttpJsonTranscoding(HttpJsonTranscodingOptions.builder()
            // proto3's JSON mapping accepts both names for fields; query parameters should too.
            .queryParamMatchRules(HttpJsonTranscodingQueryParamMatchRule.ORIGINAL_FIELD,
                HttpJsonTranscodingQueryParamMatchRule.LOWER_CAMEL_CASE)
            .errorHandler(UnframedGrpcErrorHandler.ofJson())
            .build())
        .enableUnframedRequests(true)
        // Errors on HTTP/JSON are google.rpc.Status JSON bodies, never text/plain.
        .unframedGrpcErrorHandler(UnframedGrpcErrorHandler.ofJson())
        // The handlers block on Temporal; keep them off the event loops.
        .useBlockingTaskExecutor(true)
        .maxRequestMessageLength(Math.toIntExact(settings.maxRequestBytes()))
        .build();
    ServerBuilder sb = Server.builder();
    // The OpenAI-compatible Responses and Conversations endpoints (docs/OPENAI.md).
    openAi = new OpenAiApi(client, keys, catalog::find);
    openAi.addTo(sb);
    InetSocketAddress address = listenAddress(settings);
    if (settings.tls()) {
      sb.https(address).tls(settings.tlsCert().toFile(), settings.tlsKey().toFile());
    } else {
      sb.http(address);
    }
    return sb
        .service(grpc, MetricCollectingService.newDecorator(GrpcMeterIdPrefixFunction.of("steward.gateway")))
        .serviceUnder("/docs", DocService.builder().build())
        // The console for people: static files that call the API above with the person's key.
        .serviceUnder(ConsoleFiles.PATH, ConsoleFiles.service())
        .service("/console", ConsoleFiles.redirect())
        .service("/health", HealthCheckService.of())
        // Temporal's remote codec protocol, so the Web UI shows decrypted, de-referenced payloads.
        .serviceUnder(CodecSettings.PATH, codecService())
        .service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, metrics.scrape()))
        .meterRegistry(metrics)
        .errorHandler(new JsonStatusErrors())
        // Ask waits for whole turns and Watch streams for as long as the client likes; callers bound
        // them with gRPC deadlines and Ask's own timeout instead.
        .requestTimeout(Duration.ZERO)
        // Room for gRPC framing around the largest message.
        .maxRequestLength(settings.maxRequestBytes() + 1024)
        .gracefulShutdownTimeout(Duration.ofMillis(Math.min(500, settings.shutdownGrace().toMillis())),
            settings.shutdownGrace())
        .build();
  }

  private HttpService codecService() {
    Map<String, String> env = System.getenv();
    CodecSettings codec = CodecSettings.fromEnvironment(env)
        .withNamespace(client.workflowClient().getOptions().getNamespace());
    return new CodecHttpService(StewardDataConverter.codecFromEnvironment(env), keys, codec).withCors();
  }

  private static InetSocketAddress listenAddress(GatewaySettings settings) {
    if (settings.bindHost() == null) {
      return new InetSocketAddress(settings.port());
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(settings.bindHost()), settings.port());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot listen on " + settings.bindHost() + ": unknown host", e);
    }
  }

  /**
   * Opens the port. Returns once the gateway accepts calls.
   *
   * @throws IllegalStateException when the port cannot be opened (e.g. it is taken)
   */
  public StewardGateway start() {
    try {
      server.start().join();
    } catch (CompletionException e) {
      throw new IllegalStateException("cannot start the gateway on port " + settings.port() + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e.getCause());
    }
    log.info("Steward gateway on {}://{}:{} (auth {}, docs at /docs)",
        settings.tls() ? "https" : "http", settings.bindHost() == null ? "localhost" : settings.bindHost(), port(),
        keys.enabled() ? "on" : "off: every agent belongs to tenant 'default'");
    if (!keys.enabled() && !loopbackOnly()) {
      log.warn("No API keys: every caller that reaches port {} is tenant 'default' and can start, read, change and"
          + " stop every agent; set {} or {}", port(), GatewaySettings.API_KEYS_VARIABLE,
          GatewaySettings.API_KEYS_FILE_VARIABLE);
    }
    if (settings.allowStdioMcp()) {
      log.info("Specs sent to the gateway may declare stdio MCP servers: every caller can run commands on the workers");
    }
    if (settings.credentialAllowed(GatewaySettings.ANY_CREDENTIAL)) {
      log.info("Specs sent to the gateway may name any environment variable of the workers as a credential, and have"
          + " it sent where they like");
    } else if (!settings.allowedCredentials().isEmpty()) {
      log.info("Specs sent to the gateway may name these credentials of the workers, each sent only to the hosts"
          + " after its @: {}", String.join(", ", settings.allowedCredentials()));
    }
    if (settings.allowPrivateNetwork()) {
      log.info("Specs sent to the gateway may set allow_private: every caller can reach the workers' own network");
    }
    return this;
  }

  /** Whether it listens on a loopback interface only, where only this machine's users reach it. */
  private boolean loopbackOnly() {
    try {
      return settings.bindHost() != null && InetAddress.getByName(settings.bindHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The port it listens on; the real one when {@link GatewaySettings#port()} was 0. Only after {@link #start()}. */
  public int port() {
    return server.activeLocalPort();
  }

  /** The settings it runs with. */
  public GatewaySettings settings() {
    return settings;
  }

  /** The Micrometer registry behind {@code /metrics}, for adding the process's own meters. */
  public PrometheusMeterRegistry meterRegistry() {
    return metrics;
  }

  /** Blocks until {@link #close()} has run (e.g. from a shutdown hook). */
  public void awaitClose() throws InterruptedException {
    server.whenClosed().join();
  }

  /**
   * Stops accepting calls, ends open Watch streams (UNAVAILABLE: clients resume from their last seq),
   * lets in-flight calls finish for up to {@link GatewaySettings#shutdownGrace()}, then closes the
   * Temporal connection if the gateway opened it.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    var stopped = server.stop();
    watches.shutDownAll();
    try {
      stopped.join();
    } finally {
      openAi.close();
      if (ownsClient) {
        client.close();
      }
    }
  }

  /** Builds a {@link StewardGateway}. */
  public static final class Builder {

    private GatewaySettings settings = GatewaySettings.defaults();
    private AgentClient client;
    private ClientSettings clientSettings;
    private HostResolver resolver = HostResolver.SYSTEM;

    private Builder() {}

    /**
     * How host names in callers' specs are resolved for the network policy; default the system
     * resolver. Tests use a table, so no lookup leaves the machine.
     */
    public Builder resolver(HostResolver value) {
      resolver = Objects.requireNonNull(value, "resolver");
      return this;
    }

    /** How the gateway listens; default {@link GatewaySettings#defaults()}. */
    public Builder settings(GatewaySettings value) {
      settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** An existing client to use (and leave open); otherwise one is connected from {@link #clientSettings}. */
    public Builder agentClient(AgentClient value) {
      client = value;
      return this;
    }

    /** Where Temporal is, when no {@link #agentClient} is given; default {@link ClientSettings#fromEnvironment()}. */
    public Builder clientSettings(ClientSettings value) {
      clientSettings = value;
      return this;
    }

    /**
     * The gateway, not started yet.
     *
     * @throws dev.steward.client.spec.AgentFileException when a file in the agents folder is invalid
     * @throws IllegalArgumentException when the API keys are invalid
     */
    public StewardGateway build() {
      if (client != null) {
        return new StewardGateway(settings, client, false, resolver);
      }
      // The SDK's client metrics (requests, latencies, failures) join the gateway's on /metrics.
      ProcessMetrics.enableSdkMetrics();
      AgentClient owned = AgentClient.connect(clientSettings == null ? ClientSettings.fromEnvironment() : clientSettings);
      try {
        return new StewardGateway(settings, owned, true, resolver);
      } catch (RuntimeException e) {
        owned.close();
        throw e;
      }
    }
  }
}
