package dev.steward.payloads;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Moves every payload larger than a threshold into a {@link BlobStore} and leaves a small reference
 * in its place, so no history event, query answer or update result carries a large value. Payloads
 * at or under the threshold pass through untouched.
 */
public final class BlobOffloadCodec implements PayloadCodec {

  /** The encoding of a reference payload; its data is empty, its metadata names the blob. */
  public static final String ENCODING = "binary/steward-blob";
  static final String KEY = "steward-blob-key";
  static final String SIZE = "steward-blob-size";
  /** Which store the blob was written to, so an error elsewhere can tell the two stores apart. */
  static final String STORE = "steward-blob-store";

  private final BlobStore store;
  private final int thresholdBytes;

  /**
   * @param store where large payloads go
   * @param thresholdBytes payloads larger than this (serialized) are offloaded
   */
  public BlobOffloadCodec(BlobStore store, int thresholdBytes) {
    this.store = store;
    this.thresholdBytes = thresholdBytes;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(p.getSerializedSize() > thresholdBytes ? offload(p) : p);
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(isReference(p) ? restore(p) : p);
    }
    return out;
  }

  /** The blob key a reference payload names; empty for any other payload. */
  public static java.util.Optional<String> referencedKey(Payload p) {
    if (!isReference(p)) {
      return java.util.Optional.empty();
    }
    ByteString key = p.getMetadataMap().get(KEY);
    return key == null ? java.util.Optional.empty() : java.util.Optional.of(key.toStringUtf8());
  }

  /** Whether this payload is a reference into the blob store. */
  public static boolean isReference(Payload p) {
    ByteString encoding = p.getMetadataMap().get("encoding");
    return encoding != null && ENCODING.equals(encoding.toStringUtf8());
  }

  private Payload offload(Payload p) {
    byte[] bytes = p.toByteArray();
    String key = sha256(bytes);
    try {
      outsideDeadlockDetection(() -> {
        store.put(key, bytes);
        return null;
      });
      BlobWrites.record(bytes.length);
    } catch (IOException e) {
      throw new PayloadCodecException("could not store a " + bytes.length + "-byte payload in " + store.describe()
          + ": " + e.getMessage(), e);
    }
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
        .putMetadata(KEY, ByteString.copyFromUtf8(key))
        .putMetadata(SIZE, ByteString.copyFromUtf8(Integer.toString(bytes.length)))
        .putMetadata(STORE, ByteString.copyFromUtf8(store.describe()))
        .build();
  }

  private Payload restore(Payload reference) {
    String key = reference.getMetadataMap().get(KEY).toString(StandardCharsets.UTF_8);
    ByteString store = reference.getMetadataMap().get(STORE);
    String writtenTo = store == null ? null : store.toStringUtf8();
    byte[] bytes;
    try {
      bytes = read(key);
    } catch (IOException | RuntimeException e) {
      throw BlobUnavailableException.raise(key, writtenTo, this.store, e);
    }
    try {
      return Payload.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw BlobUnavailableException.raise(key, writtenTo, this.store,
          new IOException("the blob is not a payload: " + e.getMessage(), e));
    }
  }

  private byte[] read(String key) throws IOException {
    return outsideDeadlockDetection(() -> store.get(key));
  }

  /** Runs a store call; in workflow code, without the deadlock detector, which a remote store may outlast. */
  private static <T> T outsideDeadlockDetection(StoreCall<T> call) throws IOException {
    if (!WorkflowUnsafe.isWorkflowThread()) {
      return call.run();
    }
    try {
      return WorkflowUnsafe.deadlockDetectorOff(() -> {
        try {
          return call.run();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private interface StoreCall<T> {
    T run() throws IOException;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
