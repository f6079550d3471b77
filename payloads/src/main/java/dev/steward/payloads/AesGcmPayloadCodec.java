package dev.steward.payloads;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM before it leaves the process, so Temporal's database (and
 * the blob store, which receives payloads already encrypted) holds only ciphertext. The key id
 * travels in the payload's metadata: rotating keys needs no rewrite of old histories, as long as
 * the old key stays listed. Payloads that are not encrypted pass through, so turning encryption on
 * keeps older agents readable.
 *
 * <p>Format: metadata {@code encoding = binary/encrypted}, {@code encryption-cipher = AES/GCM/NoPadding},
 * {@code encryption-key-id = <id>}; data = 12-byte nonce, then the ciphertext of the serialized
 * original payload with its 16-byte tag. The key id is bound to the ciphertext as associated data.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  /** The encoding of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";
  public static final String CIPHER = "AES/GCM/NoPadding";
  static final String KEY_ID = "encryption-key-id";
  static final String CIPHER_KEY = "encryption-cipher";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyProvider keys;

  /** @param keys the keys; null for a process without keys, which encrypts nothing and explains what it cannot read */
  public AesGcmPayloadCodec(KeyProvider keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    if (keys == null) {
      return payloads;
    }
    EncryptionKey key = keys.current();
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(encrypt(p, key));
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(isEncrypted(p) ? decrypt(p) : p);
    }
    return out;
  }

  /** Whether this payload is one this codec wrote. */
  public static boolean isEncrypted(Payload p) {
    ByteString encoding = p.getMetadataMap().get("encoding");
    return encoding != null && ENCODING.equals(encoding.toStringUtf8());
  }

  private static Payload encrypt(Payload p, EncryptionKey key) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(key.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(p.toByteArray());
      ByteBuffer data = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
          .putMetadata(CIPHER_KEY, ByteString.copyFromUtf8(CIPHER))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(key.id()))
          .setData(ByteString.copyFrom(data.array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key '" + key.id() + "': " + e.getMessage(), e);
    }
  }

  private Payload decrypt(Payload p) {
    ByteString idBytes = p.getMetadataMap().get(KEY_ID);
    String id = idBytes == null ? "" : idBytes.toStringUtf8();
    if (keys == null) {
      throw new PayloadCodecException("a payload is encrypted (key '" + id + "') but this process has no keys: set "
          + StaticKeyProvider.KEYS_VARIABLE + " or " + StaticKeyProvider.KEYS_FILE_VARIABLE
          + " as on the other Steward processes");
    }
    EncryptionKey key = keys.find(id).orElseThrow(() -> new PayloadCodecException(
        "a payload is encrypted with key '" + id + "', which is not among " + keys.describe()
            + "; keep every key that agents' histories still use"));
    byte[] data = p.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("an encrypted payload (key '" + id + "') is too short to be one");
    }
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot decrypt a payload with key '" + id + "': it was altered, or the key"
          + " with that id is not the one that encrypted it", e);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("a payload decrypted with key '" + id + "' is not a payload", e);
    }
  }
}
