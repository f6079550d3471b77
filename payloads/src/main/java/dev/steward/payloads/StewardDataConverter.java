package dev.steward.payloads;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.payload.codec.ChainCodec;
import io.temporal.payload.codec.PayloadCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one data converter every Steward process uses (worker, client, CLI, gateway): Temporal's
 * default JSON conversion, then, when keys are configured, {@link AesGcmPayloadCodec}, then
 * {@link BlobOffloadCodec}. Encryption comes first, so the blob store too receives only ciphertext.
 * Processes that disagree on it cannot read each other's payloads, so everything builds it here.
 *
 * <p>Environment: {@code STEWARD_BLOBS} picks the store ({@link BlobStores}: a directory, by default
 * {@code STEWARD_BLOB_DIR} or {@code blobs} in {@link StewardHome}; an S3 bucket; a PostgreSQL table),
 * {@code STEWARD_PAYLOAD_THRESHOLD_BYTES} (default {@value #DEFAULT_THRESHOLD_BYTES}, i.e. 128 KiB;
 * Temporal warns at 256 KB and refuses 2 MB), and {@code STEWARD_ENCRYPTION_KEYS} or {@code
 * STEWARD_ENCRYPTION_KEYS_FILE} turn encryption on ({@link StaticKeyProvider}; off by default).
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
    return create(BlobStores.fromEnvironment(env), threshold(env), StaticKeyProvider.fromEnvironment(env));
  }

  /**
   * The codec chain of {@link #fromEnvironment(Map)} on its own (encryption, then the claim check),
   * for a codec server that turns stored payloads back into what was sent, and back.
   */
  public static PayloadCodec codecFromEnvironment(Map<String, String> env) {
    return new ChainCodec(codecs(BlobStores.fromEnvironment(env), threshold(env), StaticKeyProvider.fromEnvironment(env)));
  }

  /** {@code STEWARD_BLOB_DIR}, else {@code blobs} in {@link StewardHome}. */
  public static Path blobDirectory(Map<String, String> env) {
    String dir = env.get(BLOB_DIR_VARIABLE);
    return dir == null || dir.isBlank() ? StewardHome.directory(env).resolve("blobs") : Path.of(dir);
  }

  /** Without encryption. */
  public static DataConverter create(BlobStore store, int thresholdBytes) {
    return create(store, thresholdBytes, Optional.empty());
  }

  /**
   * @param keys when present, every payload is encrypted with its current key, and failure messages
   *     and stack traces too (they may quote what an agent read)
   */
  public static DataConverter create(BlobStore store, int thresholdBytes, Optional<KeyProvider> keys) {
    return new CodecDataConverter(jsonWithSharedBuffers(), codecs(store, thresholdBytes, keys), keys.isPresent());
  }

  /**
   * Temporal's default converter, with JSON buffers shared by all threads. Jackson's default keeps
   * its buffers per thread (about 20 KB once a thread has written JSON): every workflow thread of a
   * cached agent would hold its own while the agent sleeps, for months.
   */
  static DefaultDataConverter jsonWithSharedBuffers() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper();
    mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
    return DefaultDataConverter.newDefaultInstance().withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }

  /** In Temporal's order: the first wraps the others, so on the way out the last one runs first. */
  static List<PayloadCodec> codecs(BlobStore store, int thresholdBytes, Optional<KeyProvider> keys) {
    List<PayloadCodec> codecs = new ArrayList<>();
    codecs.add(new BlobOffloadCodec(store, thresholdBytes));
    // Without keys it only explains, naming the variables, why an encrypted payload cannot be read.
    codecs.add(new AesGcmPayloadCodec(keys.orElse(null)));
    return codecs;
  }

  private static int threshold(Map<String, String> env) {
    String threshold = env.get(THRESHOLD_VARIABLE);
    try {
      return threshold == null || threshold.isBlank() ? DEFAULT_THRESHOLD_BYTES : Integer.parseInt(threshold.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(THRESHOLD_VARIABLE + " must be a number of bytes, got '" + threshold + "'");
    }
  }
}
