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

  @Test
  void aCallersLongValueQuotedBackIsShortenedToFitInTrailers() {
    String echoed = "b".repeat(70_000);

    StatusRuntimeException status = GrpcErrors.toStatus(new BadRequestException("call_id", "no pending call " + echoed));

    assertThat(status.getStatus().getDescription()).hasSizeLessThan(1100).endsWith("more characters)");
    com.google.rpc.BadRequest details = GatewayErrorsTest.detail(status, com.google.rpc.BadRequest.class).orElseThrow();
    assertThat(details.getFieldViolations(0).getField()).isEqualTo("call_id");
    assertThat(details.getFieldViolations(0).getDescription()).hasSizeLessThan(1100);
  }
}
