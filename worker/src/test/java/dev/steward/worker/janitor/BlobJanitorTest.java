package dev.steward.worker.janitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.payloads.LocalDirectoryBlobStore;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobJanitorTest {

  @TempDir Path blobs;

  @Test
  void aServerWithoutVisibilityMeansNothingIsRemoved() throws Exception {
    LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(blobs);
    String key = "a".repeat(64);
    store.put(key, new byte[] {1});
    Files.setLastModifiedTime(blobs.resolve("aa").resolve(key), FileTime.from(Instant.now().minus(Duration.ofDays(30))));
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      assertThatThrownBy(() -> new BlobJanitorActivitiesImpl(store).sweep(env.getWorkflowClient(), Instant.now()))
          .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("BlobJanitorBlind"))
          .hasMessageContaining("removed nothing");
      assertThat(store.get(key)).containsExactly(1);
    } finally {
      env.close();
    }
  }

  @Test
  void retentionAndIntervalAreReadWithTheirUnits() {
    assertThat(BlobJanitor.retention(Map.of())).isEmpty();
    assertThat(BlobJanitor.retention(Map.of("STEWARD_BLOB_RETENTION", "7d"))).contains(Duration.ofDays(7));
    assertThat(BlobJanitor.interval(Map.of())).isEqualTo(Duration.ofHours(1));
    assertThat(BlobJanitor.interval(Map.of("STEWARD_BLOB_SWEEP_INTERVAL", "15m"))).isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> BlobJanitor.retention(Map.of("STEWARD_BLOB_RETENTION", "a week")))
        .hasMessageContaining("STEWARD_BLOB_RETENTION must be a number and a unit");
    assertThatThrownBy(() -> BlobJanitor.interval(Map.of("STEWARD_BLOB_SWEEP_INTERVAL", "10s")))
        .hasMessageContaining("STEWARD_BLOB_SWEEP_INTERVAL must be at least 1m");
  }
}
