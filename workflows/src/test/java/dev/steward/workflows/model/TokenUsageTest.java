package dev.steward.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.Usage;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Cached input tokens: summed like the others, and 0 in histories written before they existed. */
class TokenUsageTest {

  @Test
  void sumsCarryCachedInputTokens() {
    TokenUsage sum = new TokenUsage(100, 10, 80).plus(new TokenUsage(50, 5, 40)).plus(new TokenUsage(7, 1));

    assertThat(sum).isEqualTo(new TokenUsage(157, 16, 120));
    assertThat(sum.totalTokens()).isEqualTo(173);
    assertThat(Usage.ZERO.plusModelCall(new TokenUsage(100, 10, 80), 0).tokens().cachedInputTokens()).isEqualTo(80);
  }

  @Test
  void anOldPayloadWithoutTheFieldReadsAsZeroCached() {
    TokenUsage old = read("{\"inputTokens\":12,\"outputTokens\":3}");

    assertThat(old).isEqualTo(new TokenUsage(12, 3, 0));
  }

  @Test
  void theFieldRoundTripsThroughTemporalsConverter() {
    TokenUsage used = new TokenUsage(12, 3, 9);
    Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(used).orElseThrow();

    assertThat(payload.getData().toStringUtf8()).contains("\"cachedInputTokens\":9");
    assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, TokenUsage.class, TokenUsage.class))
        .isEqualTo(used);
  }

  private static TokenUsage read(String json) {
    Payload payload = Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFrom("json/plain", StandardCharsets.UTF_8))
        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8)).build();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, TokenUsage.class, TokenUsage.class);
  }
}
