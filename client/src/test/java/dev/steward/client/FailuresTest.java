package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  private final Failures failures = new Failures("localhost:7233", "steward");
  private final WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId("agent-1").build();

  @Test
  void anUnreachableServerIsNamedByItsAddress() {
    StewardException e = failures.translate("agent-1",
        new WorkflowServiceException(execution, "Agent", Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()));

    assertThat(e).isInstanceOf(StewardUnavailableException.class);
    assertThat(e.getMessage()).startsWith("no Temporal server answers at localhost:7233");
  }

  @Test
  void notFoundFromTheWireMeansNoSuchAgent() {
    StewardException e = failures.translate("agent-1", Status.NOT_FOUND.asRuntimeException());

    assertThat(e).isInstanceOf(AgentNotFoundException.class);
    assertThat(((AgentNotFoundException) e).agentId()).isEqualTo("agent-1");
  }

  @Test
  void aQueryNobodyAnswersPointsAtTheWorker() {
    StewardException e = failures.translate("agent-1", Status.DEADLINE_EXCEEDED.asRuntimeException());

    assertThat(e).isInstanceOf(StewardTimeoutException.class);
    assertThat(e.getMessage()).contains("task queue 'steward'");
  }
}
