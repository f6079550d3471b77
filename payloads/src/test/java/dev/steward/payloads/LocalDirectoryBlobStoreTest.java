package dev.steward.payloads;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The directory store, chosen by STEWARD_BLOBS as a plain path. */
class LocalDirectoryBlobStoreTest extends BlobStoreContract {

  @TempDir Path dir;

  @Override
  BlobStore store() {
    return BlobStores.fromEnvironment(Map.of("STEWARD_BLOBS", dir.toString()));
  }

  @Override
  BlobStore unreachable() {
    return new LocalDirectoryBlobStore(dir.resolve("not-mounted"));
  }
}
