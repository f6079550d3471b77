package dev.steward.payloads;

import java.util.Optional;

/**
 * Where the encryption keys come from. {@link StaticKeyProvider} reads them from the environment
 * or a key file; a KMS-backed provider can implement this to fetch or unwrap keys instead.
 * Implementations must be thread-safe and fast: they are asked for every payload.
 */
public interface KeyProvider {

  /** The key new payloads are encrypted with: the newest. */
  EncryptionKey current();

  /** The key with this id, for decrypting payloads written with it; empty when unknown. */
  Optional<EncryptionKey> find(String id);

  /** A description for errors and logs, naming where keys come from, never a key. */
  String describe();
}
