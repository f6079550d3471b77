package dev.steward.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every blob store promises, run against a real one by each subclass. */
abstract class BlobStoreContract {

  /** The store under test, on a real server. */
  abstract BlobStore store();

  /** A store of the same kind that names a server nobody listens on. */
  abstract BlobStore unreachable();

  @Test
  void aLargeValueTravelsByReferenceAndComesBack() {
    DataConverter converter = StewardDataConverter.create(store(), 1024);
    String big = "large tool result ".repeat(300_000);

    Payloads large = converter.toPayloads(big).orElseThrow();

    assertThat(BlobOffloadCodec.isReference(large.getPayloads(0))).isTrue();
    assertThat(large.getSerializedSize()).isLessThan(600);
    assertThat(converter.fromPayloads(0, Optional.of(large), String.class, String.class)).isEqualTo(big);
  }

  @Test
  void aBlobWrittenTwiceIsStillOneBlob() throws Exception {
    String key = key("twice");
    store().put(key, "same bytes".getBytes(StandardCharsets.UTF_8));
    store().put(key, "same bytes".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(store().get(key), StandardCharsets.UTF_8)).isEqualTo("same bytes");
  }

  @Test
  void aMissingBlobIsNotFound() {
    assertThatThrownBy(() -> store().get(key("never written"))).isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(key("never written"));
  }

  @Test
  void aMissingBlobFailsForGoodNamingTheReferenceAndTheStore() throws Exception {
    Payloads reference = StewardDataConverter.create(new LocalDirectoryBlobStore(
        java.nio.file.Files.createTempDirectory("elsewhere")), 16).toPayloads("a value long enough to offload")
        .orElseThrow();
    String key = reference.getPayloads(0).getMetadataMap().get("steward-blob-key").toStringUtf8();
    DataConverter here = StewardDataConverter.create(store(), 16);

    assertThatThrownBy(() -> here.fromPayloads(0, Optional.of(reference), String.class, String.class))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(BlobUnavailableException.TYPE);
        })
        .hasMessageContaining("cannot read blob " + key).hasMessageContaining(store().describe())
        .hasMessageContaining("written to").hasMessageContaining("STEWARD_BLOBS");
  }

  @Test
  void anUnreachableStoreFailsForGoodNamingTheStore() {
    Payloads reference = StewardDataConverter.create(store(), 16).toPayloads("a value long enough to offload")
        .orElseThrow();
    BlobStore down = unreachable();
    DataConverter here = StewardDataConverter.create(down, 16);

    assertThatThrownBy(() -> here.fromPayloads(0, Optional.of(reference), String.class, String.class))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue())
        .hasMessageContaining("cannot read blob").hasMessageContaining(down.describe());
  }

  @Test
  void theListingShowsWhenEachBlobWasWrittenAndOnlyOlderOnesAreDeleted() throws Exception {
    String key = key("listed " + getClass().getSimpleName());
    java.time.Instant before = java.time.Instant.now().minusSeconds(60);
    store().put(key, new byte[] {7});
    java.util.Map<String, java.time.Instant> listed = new java.util.HashMap<>();
    store().list(e -> listed.put(e.key(), e.lastWritten()));

    assertThat(listed).containsKey(key);
    assertThat(listed.get(key)).isAfter(before);
    assertThat(store().deleteIfWrittenBefore(key, before)).as("written after the cutoff").isFalse();
    assertThat(store().get(key)).containsExactly(7);
    assertThat(store().deleteIfWrittenBefore(key, java.time.Instant.now().plusSeconds(60))).isTrue();
    assertThatThrownBy(() -> store().get(key)).isInstanceOf(FileNotFoundException.class);
    assertThat(store().deleteIfWrittenBefore(key, java.time.Instant.now().plusSeconds(60))).as("already gone").isFalse();
  }

  static String key(String seed) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
