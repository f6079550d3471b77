package dev.steward.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobOffloadCodecTest {

  @TempDir Path dir;

  @Test
  void smallValuesStayInlineAndLargeOnesBecomeSmallReferences() {
    DataConverter converter = StewardDataConverter.create(new LocalDirectoryBlobStore(dir), 1024);
    String big = "x".repeat(5 * 1024 * 1024);

    Payloads small = converter.toPayloads("hello").orElseThrow();
    Payloads large = converter.toPayloads(big).orElseThrow();

    assertThat(BlobOffloadCodec.isReference(small.getPayloads(0))).isFalse();
    Payload reference = large.getPayloads(0);
    assertThat(BlobOffloadCodec.isReference(reference)).isTrue();
    assertThat(reference.getSerializedSize()).isLessThan(300);
    assertThat(converter.fromPayloads(0, Optional.of(large), String.class, String.class)).isEqualTo(big);
  }

  @Test
  void theSameValueIsStoredOnce() throws Exception {
    DataConverter converter = StewardDataConverter.create(new LocalDirectoryBlobStore(dir), 16);
    converter.toPayloads("a value long enough to offload");
    converter.toPayloads("a value long enough to offload");

    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
    }
  }

  @Test
  void aMissingBlobSaysWhereItWasLookedFor(@TempDir Path elsewhere) {
    Payloads large = StewardDataConverter.create(new LocalDirectoryBlobStore(dir), 16)
        .toPayloads("a value long enough to offload").orElseThrow();
    DataConverter other = StewardDataConverter.create(new LocalDirectoryBlobStore(elsewhere), 16);

    assertThatThrownBy(() -> other.fromPayloads(0, Optional.of(large), String.class, String.class))
        .hasMessageContaining("cannot read blob").hasMessageContaining(elsewhere.toString())
        .hasMessageContaining("STEWARD_BLOBS").hasMessageContaining(dir.toString());
  }

  @Test
  void aBadThresholdNamesTheVariable() {
    assertThatThrownBy(() -> StewardDataConverter.fromEnvironment(java.util.Map.of("STEWARD_PAYLOAD_THRESHOLD_BYTES", "lots")))
        .hasMessageContaining("STEWARD_PAYLOAD_THRESHOLD_BYTES must be a number of bytes");
  }
}
