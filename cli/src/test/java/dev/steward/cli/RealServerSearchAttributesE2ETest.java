package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.client.SearchAttributesNotRegisteredException;
import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.spec.AgentSpec;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new agent starts without its zero cost and token attributes, so the client asks the real server
 * whether the namespace has them before it starts one: on a namespace that lacks them the start is
 * refused with the commands to register them (rather than the agent's first turn failing at its
 * end), and goes through once they are registered.
 */
@RealTemporal.Required
class RealServerSearchAttributesE2ETest {

  private static final AgentSpec SPEC = AgentFiles.parse("name: counted\nmodel: {provider: scripted}\n", "counted.yaml");

  @Test
  void aNamespaceWithoutTheUsageAttributesRefusesTheStartUntilTheyAreRegistered() {
    String address = RealTemporal.address();
    String namespace = RealTemporal.unique("steward-sa");
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
    try {
      stubs.blockingStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(namespace)
          .setWorkflowExecutionRetentionPeriod(com.google.protobuf.Duration.newBuilder().setSeconds(86_400)).build());
      register(operator, namespace, List.of(SearchAttributeNames.AGENT_NAME, SearchAttributeNames.STATUS,
          SearchAttributeNames.TENANT));

      try (AgentClient client = AgentClient.connect(new ClientSettings(address, namespace, RealTemporal.unique("q")))) {
        assertThatThrownBy(() -> client.start("counted-1", SPEC))
            .isInstanceOf(SearchAttributesNotRegisteredException.class)
            .hasMessageContaining("StewardCostUsd, StewardTotalTokens")
            .hasMessageContaining("temporal operator search-attribute create --namespace " + namespace
                + " --name StewardCostUsd --type Double");

        register(operator, namespace, List.of(SearchAttributeNames.COST_USD, SearchAttributeNames.TOTAL_TOKENS));
        // The same client asks again: a missing attribute is not remembered.
        await().atMost(Duration.ofSeconds(60)).ignoreException(SearchAttributesNotRegisteredException.class)
            .until(() -> client.start("counted-2", SPEC).equals("counted-2"));
        assertThat(client.workflowClient().newUntypedWorkflowStub("counted-2").describe()
            .getTypedSearchAttributes().containsKey(SearchAttributeNames.COST_USD)).isFalse();
        client.workflowClient().newUntypedWorkflowStub("counted-2").terminate("test done");
      }
    } finally {
      operator.shutdown();
      stubs.shutdown();
    }
  }

  /** Adds the attributes, once the new namespace is known to the server (it takes a moment). */
  private static void register(OperatorServiceStubs operator, String namespace, List<SearchAttributeKey<?>> keys) {
    AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
    keys.forEach(key -> request.putSearchAttributes(key.getName(), key.getValueType()));
    await().atMost(Duration.ofSeconds(60)).ignoreException(StatusRuntimeException.class)
        .until(() -> operator.blockingStub().addSearchAttributes(request.build()) != null);
  }
}
