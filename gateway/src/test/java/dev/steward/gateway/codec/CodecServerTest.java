package dev.steward.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.steward.gateway.ApiKeys;
import dev.steward.payloads.StewardDataConverter;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporal's remote codec protocol over real HTTP, as the Web UI and the temporal CLI speak it. */
class CodecServerTest {

  private static final String UI = "http://ui.example:8233";
  private static final String KEY = "codec-test-key";

  @TempDir Path blobs;

  private Map<String, String> env;
  private CodecServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    env = Map.of("STEWARD_BLOBS", blobs.toString(), "STEWARD_PAYLOAD_THRESHOLD_BYTES", "1024",
        "STEWARD_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(key));
    server = CodecServer.start("127.0.0.1", 0, StewardDataConverter.codecFromEnvironment(env),
        ApiKeys.of(Map.of(KEY, "acme")), new CodecSettings(List.of(UI), "default"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void decodeShowsWhatWasSentEvenWhenEncryptedAndInTheBlobStore() throws Exception {
    DataConverter steward = StewardDataConverter.fromEnvironment(env);
    String big = "a long tool result ".repeat(500);
    Payloads stored = steward.toPayloads("hello", big).orElseThrow();

    HttpResponse<String> response = post("/codec/decode", json(stored), KEY);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Payloads decoded = parse(response.body());
    DataConverter plain = DefaultDataConverter.newDefaultInstance();
    assertThat(plain.fromPayloads(0, Optional.of(decoded), String.class, String.class)).isEqualTo("hello");
    assertThat(plain.fromPayloads(1, Optional.of(decoded), String.class, String.class)).isEqualTo(big);
  }

  @Test
  void encodeThenDecodeIsARoundTrip() throws Exception {
    Payloads plain = DefaultDataConverter.newDefaultInstance().toPayloads("from the Web UI").orElseThrow();

    HttpResponse<String> encoded = post("/codec/encode", json(plain), KEY);
    assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
    assertThat(encoded.body()).doesNotContain(Base64.getEncoder().encodeToString("\"from the Web UI\"".getBytes()));
    assertThat(StewardDataConverter.fromEnvironment(env)
        .fromPayloads(0, Optional.of(parse(encoded.body())), String.class, String.class)).isEqualTo("from the Web UI");

    HttpResponse<String> decoded = post("/codec/decode", encoded.body(), KEY);
    assertThat(parse(decoded.body())).isEqualTo(plain);
  }

  @Test
  void theWebUiOriginPassesThePreflightAndOthersDoNot() throws Exception {
    HttpResponse<String> allowed = preflight(UI);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("access-control-allow-origin")).hasValue(UI);
    assertThat(allowed.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    assertThat(allowed.headers().firstValue("access-control-allow-headers").orElse("").toLowerCase())
        .contains("x-namespace").contains("authorization").contains("content-type");

    HttpResponse<String> other = preflight("http://evil.example");
    assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void callersWithoutAValidKeyAreRefused() throws Exception {
    Payloads any = DefaultDataConverter.newDefaultInstance().toPayloads("x").orElseThrow();

    HttpResponse<String> none = post("/codec/decode", json(any), null);
    HttpResponse<String> wrong = post("/codec/decode", json(any), "not-a-key");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("Authorization").contains("Bearer");
    assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("unknown API key");
  }

  @Test
  void anotherNamespaceABadBodyAndAMissingBlobGetClearAnswers() throws Exception {
    HttpResponse<String> namespace = http.send(request("/codec/decode", "{\"payloads\":[]}", KEY)
        .header("X-Namespace", "payments").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(namespace.statusCode()).isEqualTo(403);
    assertThat(namespace.body()).contains("X-Namespace").contains("'default'").contains("'payments'");

    HttpResponse<String> bad = post("/codec/decode", "{\"payloads\": 7}", KEY);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("body: expected {\\\"payloads\\\":[...]}");

    Payloads reference = StewardDataConverter.fromEnvironment(env).toPayloads("z".repeat(5000)).orElseThrow();
    try (var files = java.nio.file.Files.walk(blobs)) {
      files.filter(java.nio.file.Files::isRegularFile).forEach(f -> f.toFile().delete());
    }
    HttpResponse<String> lost = post("/codec/decode", json(reference), KEY);
    assertThat(lost.statusCode()).isEqualTo(200);
    assertThat(lost.body()).doesNotContain("zzzz");
    String shown = DefaultDataConverter.newDefaultInstance()
        .fromPayloads(0, Optional.of(parse(lost.body())), Map.class, Map.class).get("message").toString();
    assertThat(shown).contains("cannot read blob").contains(blobs.toString());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + "/codec/decode"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization")
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String key) throws Exception {
    return http.send(request(path, body, key).header("X-Namespace", "default").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return key == null ? b : b.header("Authorization", "Bearer " + key);
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private static String json(Payloads payloads) throws Exception {
    return JsonFormat.printer().print(payloads);
  }

  private static Payloads parse(String json) throws Exception {
    Payloads.Builder b = Payloads.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.build();
  }
}
