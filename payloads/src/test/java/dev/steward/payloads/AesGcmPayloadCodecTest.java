package dev.steward.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmPayloadCodecTest {

  private static final String MARKER = "marker-7f3a-do-not-leak";

  @TempDir Path blobs;

  @Test
  void payloadsAndTheirBlobsHoldNoPlaintextAndComeBackWithTheKey() throws Exception {
    String keyA = key();
    Map<String, String> env = Map.of("STEWARD_BLOBS", blobs.toString(), "STEWARD_ENCRYPTION_KEYS", "a:" + keyA,
        "STEWARD_PAYLOAD_THRESHOLD_BYTES", "1024");
    DataConverter converter = StewardDataConverter.fromEnvironment(env);

    Payloads small = converter.toPayloads("say " + MARKER).orElseThrow();
    Payloads large = converter.toPayloads(MARKER.repeat(1000)).orElseThrow();

    assertThat(small.toByteString().toStringUtf8()).doesNotContain(MARKER);
    assertThat(small.getPayloads(0).getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("a");
    assertThat(BlobOffloadCodec.isReference(large.getPayloads(0))).isTrue();
    try (Stream<Path> files = Files.walk(blobs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
      }
    }
    assertThat(converter.fromPayloads(0, Optional.of(small), String.class, String.class)).isEqualTo("say " + MARKER);
    assertThat(converter.fromPayloads(0, Optional.of(large), String.class, String.class)).isEqualTo(MARKER.repeat(1000));
  }

  @Test
  void aNewKeyFirstEncryptsWhileOldKeysStillDecrypt() {
    String keyA = key();
    String keyB = key();
    DataConverter before = StewardDataConverter.fromEnvironment(Map.of("STEWARD_BLOBS", blobs.toString(),
        "STEWARD_ENCRYPTION_KEYS", "a:" + keyA));
    DataConverter plain = StewardDataConverter.fromEnvironment(Map.of("STEWARD_BLOBS", blobs.toString()));
    Payloads old = before.toPayloads("written with a").orElseThrow();
    Payloads older = plain.toPayloads("written before encryption").orElseThrow();

    DataConverter after = StewardDataConverter.fromEnvironment(Map.of("STEWARD_BLOBS", blobs.toString(),
        "STEWARD_ENCRYPTION_KEYS", "b:" + keyB + ",a:" + keyA));

    assertThat(after.fromPayloads(0, Optional.of(old), String.class, String.class)).isEqualTo("written with a");
    assertThat(after.fromPayloads(0, Optional.of(older), String.class, String.class)).isEqualTo("written before encryption");
    Payloads fresh = after.toPayloads("written with b").orElseThrow();
    assertThat(fresh.getPayloads(0).getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("b");
    assertThatThrownBy(() -> before.fromPayloads(0, Optional.of(fresh), String.class, String.class))
        .hasMessageContaining("key 'b'").hasMessageContaining("STEWARD_ENCRYPTION_KEYS");
  }

  @Test
  void keysComeFromAFileToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys");
    Files.writeString(file, "# newest first\n2026-12:" + key() + "\n2026-06:" + key() + "\n");
    KeyProvider keys = StaticKeyProvider.fromEnvironment(Map.of("STEWARD_ENCRYPTION_KEYS_FILE", file.toString()))
        .orElseThrow();

    assertThat(keys.current().id()).isEqualTo("2026-12");
    assertThat(keys.find("2026-06")).isPresent();
    assertThat(keys.describe()).contains(file.toString()).doesNotContain("=");
  }

  @Test
  void badKeysNameTheVariableAndTheKey() {
    assertThat(StaticKeyProvider.fromEnvironment(Map.of())).isEmpty();
    assertThatThrownBy(() -> StaticKeyProvider.fromEnvironment(Map.of("STEWARD_ENCRYPTION_KEYS", "k1:c2hvcnQ=")))
        .hasMessage("STEWARD_ENCRYPTION_KEYS: key 'k1' must be 32 bytes (AES-256), got 5");
    assertThatThrownBy(() -> StaticKeyProvider.fromEnvironment(Map.of("STEWARD_ENCRYPTION_KEYS", "k1:!!!")))
        .hasMessage("STEWARD_ENCRYPTION_KEYS: key 'k1' is not base64");
    assertThatThrownBy(() -> StaticKeyProvider.fromEnvironment(Map.of("STEWARD_ENCRYPTION_KEYS", key())))
        .hasMessageContaining("STEWARD_ENCRYPTION_KEYS: expected id:base64-key");
    assertThatThrownBy(() -> StaticKeyProvider.fromEnvironment(Map.of("STEWARD_ENCRYPTION_KEYS_FILE", "/no/such/file")))
        .hasMessageContaining("STEWARD_ENCRYPTION_KEYS_FILE: cannot read /no/such/file");
  }

  @Test
  void failureMessagesAndStackTracesAreEncryptedToo() {
    DataConverter converter = StewardDataConverter.fromEnvironment(Map.of("STEWARD_BLOBS", blobs.toString(),
        "STEWARD_ENCRYPTION_KEYS", "a:" + key()));
    io.temporal.api.failure.v1.Failure failure = converter.exceptionToFailure(
        io.temporal.failure.ApplicationFailure.newFailure("the page said " + MARKER, "ToolFailed"));

    assertThat(failure.toByteString().toStringUtf8()).doesNotContain(MARKER);
    assertThat(converter.failureToException(failure)).hasMessageContaining("the page said " + MARKER);
  }

  @Test
  void anAlteredPayloadIsRefused() {
    DataConverter converter = StewardDataConverter.fromEnvironment(Map.of("STEWARD_BLOBS", blobs.toString(),
        "STEWARD_ENCRYPTION_KEYS", "a:" + key()));
    Payloads sealed = converter.toPayloads("hello").orElseThrow();
    byte[] data = sealed.getPayloads(0).getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payloads altered = Payloads.newBuilder().addPayloads(sealed.getPayloads(0).toBuilder()
        .setData(com.google.protobuf.ByteString.copyFrom(data))).build();

    assertThatThrownBy(() -> converter.fromPayloads(0, Optional.of(altered), String.class, String.class))
        .hasMessageContaining("cannot decrypt a payload with key 'a'");
  }

  static String key() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
