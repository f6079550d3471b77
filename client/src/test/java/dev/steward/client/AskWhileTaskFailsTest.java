package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An ask refused while the agent's workflow task is failing is offered again; other refusals are not. */
class AskWhileTaskFailsTest {

  private static RuntimeException refusal(Status.Code code, String description) {
    // The SDK wraps the server's status like this (WorkflowServiceException around it).
    return new RuntimeException("update failed", new StatusRuntimeException(code.toStatus().withDescription(description)));
  }

  @Test
  void offersTheMessageAgainUntilTheTaskRecovers() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String taken = AgentClient.offerWhileTaskFails(() -> {
      if (calls.incrementAndGet() < 3) {
        throw refusal(Status.Code.FAILED_PRECONDITION, "Workflow Task in failed state.");
      }
      return "accepted";
    }, Duration.ofSeconds(10));
    assertThat(taken).isEqualTo("accepted");
    assertThat(calls).hasValue(3);
  }

  @Test
  void anAskDroppedWithTheTaskItWasSentInIsOfferedAgain() throws Exception {
    // The server aborts an update it had sent but not yet seen accepted when that workflow task fails
    // (a completion refused, e.g. one sent twice around a killed worker): offered again, it is taken.
    AtomicInteger calls = new AtomicInteger();
    String taken = AgentClient.offerWhileTaskFails(() -> {
      if (calls.incrementAndGet() == 1) {
        throw refusal(Status.Code.FAILED_PRECONDITION,
            "Unable to perform workflow execution update due to unexpected workflow task failure.");
      }
      return "accepted";
    }, Duration.ofSeconds(10));
    assertThat(taken).isEqualTo("accepted");
    assertThat(calls).hasValue(2);
  }

  @Test
  void otherRefusalsComeOutAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> AgentClient.offerWhileTaskFails(() -> {
      calls.incrementAndGet();
      throw refusal(Status.Code.FAILED_PRECONDITION, "workflow execution already completed");
    }, Duration.ofSeconds(10))).hasRootCauseMessage("FAILED_PRECONDITION: workflow execution already completed");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aTaskThatKeepsFailingSurfacesWithTheServersReason() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> AgentClient.offerWhileTaskFails(() -> {
      calls.incrementAndGet();
      throw refusal(Status.Code.FAILED_PRECONDITION, "Workflow Task in failed state.");
    }, Duration.ofMillis(500))).hasRootCauseMessage("FAILED_PRECONDITION: Workflow Task in failed state.");
    assertThat(calls.get()).isGreaterThan(1);
  }
}
