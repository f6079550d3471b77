package dev.steward.gateway;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.network.HostResolver;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.SearchAttributeNames;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import dev.steward.payloads.StewardDataConverter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything real, over TCP on loopback: Temporal's test server in real time (no time skipping), a
 * Steward worker with the real scripted model and tools, and a gateway with two tenants' API keys.
 */
final class GatewayTestKit implements AutoCloseable {

  static final String ACME_KEY = "key-acme-0123456789";
  static final String GLOBEX_KEY = "key-globex-9876543210";
  static final String QUEUE = "steward-gateway-test";

  private final TestServicesStarter services;
  private final Server temporal;
  final String temporalAddress;
  final StewardWorker worker;
  /** The worker's workflow-task polls, when {@code -Dbench.pollLog} is set; otherwise null. */
  final PollLog pollLog;
  private final WorkflowServiceStubs workerStubs;
  final AgentClient agentClient;
  final StewardGateway gateway;

  GatewayTestKit() {
    this(GatewaySettings.defaults().withPort(0)
        .withApiKeys(Map.of(ACME_KEY, "acme", GLOBEX_KEY, "globex"))
        .withAgentsDir(Path.of("src/test/resources/agents")));
  }

  GatewayTestKit(GatewaySettings settings) {
    this(settings, HostResolver.SYSTEM);
  }

  /** @param resolver how the gateway resolves host names in callers' specs */
  GatewayTestKit(GatewaySettings settings, HostResolver resolver) {
    services = new TestServicesStarter(true, 0);
    try {
      NettyServerBuilder builder = NettyServerBuilder.forAddress(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      temporal = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(e);
    }
    temporalAddress = "localhost:" + temporal.getPort();
    registerSearchAttributes();
    WorkerSettings workerSettings = WorkerSettings.defaults().withAddress(temporalAddress).withTaskQueue(QUEUE);
    if (Boolean.getBoolean("bench.pollLog")) {
      pollLog = new PollLog();
      workerStubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder(
          workerSettings.connection().workflowServiceStubsOptions()).setGrpcClientInterceptors(List.of(pollLog)).build());
      worker = StewardWorker.create(WorkflowClient.newInstance(workerStubs, WorkflowClientOptions.newBuilder()
          .setDataConverter(StewardDataConverter.fromEnvironment()).build()), workerSettings).start();
    } else {
      pollLog = null;
      workerStubs = null;
      worker = StewardWorker.connect(workerSettings).start();
    }
    agentClient = AgentClient.connect(new ClientSettings(temporalAddress, null, QUEUE));
    gateway = StewardGateway.builder().settings(settings).agentClient(agentClient).resolver(resolver).build().start();
  }

  private void registerSearchAttributes() {
    OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(temporalAddress).validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace("default");
      SearchAttributeNames.ALL.forEach(key -> request.putSearchAttributes(key.getName(), key.getValueType()));
      stubs.blockingStub().addSearchAttributes(request.build());
    } finally {
      stubs.shutdownNow();
    }
  }

  String target() {
    return "localhost:" + gateway.port();
  }

  StewardGrpcClient client(String apiKey) {
    return StewardGrpcClient.builder().target(target()).apiKey(apiKey).build();
  }

  @Override
  public void close() {
    gateway.close();
    agentClient.close();
    worker.close();
    if (workerStubs != null) {
      workerStubs.shutdownNow();
    }
    temporal.shutdownNow();
    try {
      temporal.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
