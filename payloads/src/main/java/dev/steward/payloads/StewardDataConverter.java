package dev.steward.payloads;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one data converter every Steward process uses (worker, client, CLI, gateway): Temporal's
 * default JSON conversion, then {@link BlobOffloadCodec}. Processes that disagree on it cannot read
 * each other's large payloads, so everything builds it here.
 *
 * <p>Environment: {@code STEWARD_BLOBS} picks the store ({@link BlobStores}: a directory, by default
 * {@code STEWARD_BLOB_DIR} or {@code blobs} in {@link StewardHome}; an S3 bucket; a PostgreSQL table) and
 * {@code STEWARD_PAYLOAD_THRESHOLD_BYTES} (default {@value #DEFAULT_THRESHOLD_BYTES}, i.e. 128 KiB;
 * Temporal warns at 256 KB and refuses 2 MB).
 */
public final class StewardDataConverter {

  public static final int DEFAULT_THRESHOLD_BYTES = 128 * 1024;
  public static final String BLOB_DIR_VARIABLE = "STEWARD_BLOB_DIR";
  public static final String THRESHOLD_VARIABLE = "STEWARD_PAYLOAD_THRESHOLD_BYTES";

  private StewardDataConverter() {}

  /** The converter configured from this process's environment. */
  public static DataConverter fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  public static DataConverter fromEnvironment(Map<String, String> env) {
    BlobStore store = BlobStores.fromEnvironment(env);
    String threshold = env.get(THRESHOLD_VARIABLE);
    int bytes;
    try {
      bytes = threshold == null || threshold.isBlank() ? DEFAULT_THRESHOLD_BYTES : Integer.parseInt(threshold.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(THRESHOLD_VARIABLE + " must be a number of bytes, got '" + threshold + "'");
    }
    return create(store, bytes);
  }

  /** {@code STEWARD_BLOB_DIR}, else {@code blobs} in {@link StewardHome}. */
  public static Path blobDirectory(Map<String, String> env) {
    String dir = env.get(BLOB_DIR_VARIABLE);
    return dir == null || dir.isBlank() ? StewardHome.directory(env).resolve("blobs") : Path.of(dir);
  }

  public static DataConverter create(BlobStore store, int thresholdBytes) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(),
        List.of(new BlobOffloadCodec(store, thresholdBytes)));
  }
}
