package dev.steward.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.payloads.testing.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store against a real S3-compatible server (S3Proxy, filesystem backend), chosen by STEWARD_BLOBS. */
class S3BlobStoreTest extends BlobStoreContract {

  @TempDir static Path objects;
  static LocalS3 s3;
  static BlobStore store;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.start(objects, "steward-blobs");
    store = BlobStores.fromEnvironment(s3.environment("steward-blobs", "agents/blobs"));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Override
  BlobStore store() {
    return store;
  }

  @Override
  BlobStore unreachable() {
    Map<String, String> env = new HashMap<>(s3.environment("steward-blobs", "agents/blobs"));
    env.put(BlobStores.S3_ENDPOINT, "http://127.0.0.1:1");
    return BlobStores.fromEnvironment(env);
  }

  @Test
  void blobsAreObjectsUnderThePrefix() throws Exception {
    store.put(key("under the prefix"), new byte[] {1, 2, 3});

    try (Stream<Path> files = Files.walk(objects.resolve("steward-blobs"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> objects.resolve("steward-blobs").relativize(p).toString()))
          .contains("agents/blobs/" + key("under the prefix"));
    }
    assertThat(store.describe()).isEqualTo("s3://steward-blobs/agents/blobs/ at " + s3.endpoint());
  }

  @Test
  void badSettingsNameTheirVariable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlobStores.fromEnvironment(Map.of("STEWARD_BLOBS", "s3:///x")))
        .hasMessageContaining("STEWARD_BLOBS").hasMessageContaining("names no bucket");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlobStores.fromEnvironment(Map.of("STEWARD_BLOBS", "ftp://u:secret@x/y")))
        .hasMessageContaining("STEWARD_BLOBS: unknown blob store 'ftp://x/y'");
  }
}
