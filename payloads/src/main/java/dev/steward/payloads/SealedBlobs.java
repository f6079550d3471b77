package dev.steward.payloads;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bytes that Steward writes to the blob store itself (transcript segments), encrypted with the
 * process's keys like every payload when {@code STEWARD_ENCRYPTION_KEYS} is set. The key is chosen by
 * the caller (a hash of the plain bytes), so a retried write names the same blob.
 */
public final class SealedBlobs {

  /**
   * Metadata on every sealed blob, outside any encryption, so the blob janitor can tell them from
   * offloaded payloads: no history refers to them, only agents' carried state does.
   */
  static final String MARKER = "steward-sealed";

  private final BlobStore store;
  private final AesGcmPayloadCodec codec;

  public SealedBlobs(BlobStore store, Optional<KeyProvider> keys) {
    this.store = store;
    this.codec = new AesGcmPayloadCodec(keys.orElse(null));
  }

  /** The blob store and keys this process is configured with. */
  public static SealedBlobs fromEnvironment(Map<String, String> env) {
    return new SealedBlobs(BlobStores.fromEnvironment(env), StaticKeyProvider.fromEnvironment(env));
  }

  public void put(String key, byte[] bytes) throws IOException {
    Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/plain"))
        .setData(ByteString.copyFrom(bytes)).build();
    Payload sealed = codec.encode(List.of(plain)).get(0).toBuilder()
        .putMetadata(MARKER, ByteString.copyFromUtf8("transcript-segment")).build();
    store.put(key, sealed.toByteArray());
  }

  public byte[] get(String key) throws IOException {
    try {
      return codec.decode(List.of(Payload.parseFrom(store.get(key)))).get(0).getData().toByteArray();
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("blob " + key + " in " + store.describe() + " is not a sealed blob", e);
    }
  }

  /** True for the bytes of a blob written by this class (e.g. a transcript segment). */
  public static boolean isSealed(byte[] stored) {
    try {
      return Payload.parseFrom(stored).getMetadataMap().containsKey(MARKER);
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  public String describe() {
    return store.describe();
  }
}
