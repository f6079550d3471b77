package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.agent.AgentCheckpoint;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every start path of the client (start, fork, import) keeps a stopped agent's id with its tenant. */
class AgentIdOwnershipTest {

  private static final AgentSpec SPEC = AgentFiles.parse("""
      name: keeper
      model: {provider: scripted}
      """, "keeper.yaml");

  private ClientTestKit kit;
  private AgentClient client;

  @BeforeEach
  void setUp() {
    kit = new ClientTestKit();
    client = kit.client;
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  @Test
  void aStoppedAgentsIdIsRefusedToOtherTenantsAndGivenBackToItsOwn() {
    client.start("kept", SPEC, "acme");
    client.start("globex-own", SPEC, "globex");
    client.stop("kept", "done");
    await().atMost(Duration.ofSeconds(20)).until(() -> client.workflowClient().newUntypedWorkflowStub("kept")
        .describe().getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    AgentCheckpoint globexCheckpoint = client.checkpoint("globex-own", 0);
    assertThatThrownBy(() -> client.start("kept", SPEC, "globex")).isInstanceOf(AgentIdUnavailableException.class)
        .hasMessage("agent id 'kept' is not available; choose another id");
    assertThatThrownBy(() -> client.startFrom("kept", globexCheckpoint)).isInstanceOf(AgentIdUnavailableException.class);
    assertThat(client.snapshot("kept").tenant()).isEqualTo("acme");

    assertThat(client.start("kept", SPEC, "acme")).isEqualTo("kept");
    assertThat(client.snapshot("kept").tenant()).isEqualTo("acme");
  }
}
