package dev.steward.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs Steward writes itself (transcript segments): read back, encrypted with the keys, known to the janitor. */
class SealedBlobsTest {

  @TempDir Path dir;

  @Test
  void aSealedBlobReadsBackAndIsKnownAsSealed() throws Exception {
    LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(dir);
    SealedBlobs blobs = new SealedBlobs(store, Optional.empty());
    String key = "b".repeat(64);
    blobs.put(key, "entries".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(blobs.get(key), StandardCharsets.UTF_8)).isEqualTo("entries");
    assertThat(SealedBlobs.isSealed(store.get(key))).isTrue();
    store.put("c".repeat(64), new byte[] {1, 2, 3});
    assertThat(SealedBlobs.isSealed(store.get("c".repeat(64)))).isFalse();
  }

  @Test
  void withKeysTheStoredBytesHoldNoPlaintext() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env = Map.of("STEWARD_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(secret));
    LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(dir);
    SealedBlobs blobs = new SealedBlobs(store, StaticKeyProvider.fromEnvironment(env));
    String key = "d".repeat(64);
    blobs.put(key, "MARKER-SECRET-42".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(store.get(key), StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-SECRET-42");
    assertThat(SealedBlobs.isSealed(store.get(key))).isTrue();
    assertThat(new String(blobs.get(key), StandardCharsets.UTF_8)).isEqualTo("MARKER-SECRET-42");
  }
}
