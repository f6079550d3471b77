package dev.steward.gateway;

import static dev.steward.gateway.GatewayErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.AgentStatus;
import dev.steward.proto.v1.ExportAgentRequest;
import dev.steward.proto.v1.ForkAgentRequest;
import dev.steward.proto.v1.ImportAgentRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An agent id is its tenant's for as long as Temporal keeps a run of it: stopping an agent does not
 * free its id for other tenants, and a start on an id the caller may not use answers the same words
 * whoever holds it, so ids cannot be probed.
 */
class TenantIdOwnershipTest {

  static GatewayTestKit kit;
  static StewardGrpcClient acme;
  static StewardGrpcClient globex;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
    globex = kit.client(GatewayTestKit.GLOBEX_KEY);
  }

  @AfterAll
  static void stop() {
    acme.close();
    globex.close();
    kit.close();
  }

  @Test
  void aStoppedAgentsIdStaysWithItsTenant() {
    acme.startAgent("acme-done", GatewayEndToEndTest.ECHO);
    stopAndWaitClosed("acme-done");

    StatusRuntimeException refused = failure(() -> globex.startAgent("acme-done", GatewayEndToEndTest.ECHO));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);

    Agent stillAcmes = acme.get("acme-done");
    assertThat(stillAcmes.getTenant()).isEqualTo("acme");
    assertThat(stillAcmes.getStatus()).isEqualTo(AgentStatus.AGENT_STATUS_STOPPED);
    assertThat(failure(() -> globex.get("acme-done")).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

    // Its own tenant may start the id again, as before.
    assertThat(acme.startAgent("acme-done", GatewayEndToEndTest.ECHO).getTenant()).isEqualTo("acme");
    assertThat(acme.get("acme-done").getStatus()).isNotEqualTo(AgentStatus.AGENT_STATUS_STOPPED);
  }

  @Test
  void everyIdTheCallerMayNotUseAnswersTheSame() {
    acme.startAgentNamed("acme-live", "clerk");
    acme.startAgent("acme-stopped", GatewayEndToEndTest.ECHO);
    stopAndWaitClosed("acme-stopped");
    // A workflow that is not an agent, sharing the namespace.
    kit.agentClient.workflowClient().newUntypedWorkflowStub("NotAnAgent",
        WorkflowOptions.newBuilder().setWorkflowId("not-an-agent").setTaskQueue("nobody-polls").build()).start();
    String export = acme.stub().exportAgent(ExportAgentRequest.newBuilder()
        .setName(StewardGrpcClient.name("acme-live")).build()).getExportJson();
    globex.startAgent("globex-own", GatewayEndToEndTest.ECHO);

    String expected = answer(() -> globex.startAgent("not-an-agent", GatewayEndToEndTest.ECHO), "not-an-agent");
    assertThat(expected).startsWith("ALREADY_EXISTS: ").doesNotContain("acme");
    for (String id : new String[] {"acme-live", "acme-stopped", "not-an-agent"}) {
      assertThat(answer(() -> globex.startAgent(id, GatewayEndToEndTest.ECHO), id)).as("start " + id).isEqualTo(expected);
      assertThat(answer(() -> globex.startAgentNamed(id, "clerk"), id)).as("same spec " + id).isEqualTo(expected);
      assertThat(answer(() -> globex.stub().forkAgent(ForkAgentRequest.newBuilder()
          .setName(StewardGrpcClient.name("globex-own")).setNewAgentId(id).build()), id)).as("fork " + id).isEqualTo(expected);
      assertThat(answer(() -> globex.stub().importAgent(ImportAgentRequest.newBuilder()
          .setAgentId(id).setExportJson(export).build()), id)).as("import " + id).isEqualTo(expected);
    }
    assertThat(acme.get("acme-stopped").getStatus()).isEqualTo(AgentStatus.AGENT_STATUS_STOPPED);
    assertThat(acme.get("acme-live").getTenant()).isEqualTo("acme");
  }

  /** The status code and description a call fails with, with the id it named replaced by {@code <id>}. */
  private static String answer(Executable call, String id) {
    Status status = failure(call).getStatus();
    return status.getCode() + ": " + status.getDescription().replace(id, "<id>");
  }

  private static void stopAndWaitClosed(String id) {
    acme.stop(id, "done");
    await().atMost(Duration.ofSeconds(30)).until(() -> kit.agentClient.workflowClient().newUntypedWorkflowStub(id)
        .describe().getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }
}
