package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.client.StewardException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/** What a client reads in a status the gateway makes from an agent's failure. */
class GrpcErrorsTest {

  @Test
  void aFailedQueryTellsItsFirstLineNotTheWorkersStackTrace() {
    StewardException failed = new StewardException("agent 'a' could not answer: java.lang.IllegalStateException: boom\n"
        + "\tat dev.steward.workflows.agent.Journal.page(Journal.java:96)\n\tat java.base/java.lang.Thread.run");

    StatusRuntimeException status = GrpcErrors.toStatus(failed);

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getStatus().getDescription())
        .isEqualTo("agent 'a' could not answer: java.lang.IllegalStateException: boom")
        .doesNotContain("\tat ", "Journal.java");
  }
}
