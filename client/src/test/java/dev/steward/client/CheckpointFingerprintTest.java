package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.model.TokenUsage;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint's fingerprint is taken of the same JSON as before the records of its state left their
 * defaults out of the history, so an export imported by an earlier release is recognised when it is
 * imported again.
 */
class CheckpointFingerprintTest {

  @Test
  void theStateRecordsAreWrittenWithEveryFieldAsBefore() {
    assertThat(CheckpointFingerprint.json(UserMessage.of("hi")))
        .isEqualTo("{\"id\":null,\"text\":\"hi\",\"sender\":null,\"replyTo\":null}");
    assertThat(CheckpointFingerprint.json(new TurnOutcome(2, TurnOutcome.Status.COMPLETED, "ok", null,
        new TokenUsage(5, 1), 0)))
        .isEqualTo("{\"turn\":2,\"status\":\"COMPLETED\",\"reply\":\"ok\",\"error\":null,"
            + "\"usage\":{\"inputTokens\":5,\"outputTokens\":1,\"cachedInputTokens\":0},\"costUsd\":0.0}");
  }
}
