package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a certificate and key, the gateway's one port speaks TLS, and plain text is refused. */
class GatewayTlsTest {

  @TempDir Path dir;

  @Test
  void theGatewayServesOverTls() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    // A self-signed certificate for localhost, made the way an operator would make one.
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", key.toString(),
        "-out", cert.toString()).redirectErrorStream(true).start();
    openssl.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assumeThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as("openssl made a certificate").isTrue();

    GatewaySettings settings = GatewaySettings.defaults().withPort(0)
        .withApiKeys(Map.of(GatewayTestKit.ACME_KEY, "acme")).withTls(cert, key);
    try (GatewayTestKit kit = new GatewayTestKit(settings)) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(cert)).build();
      HttpResponse<String> health = trusting.send(
          HttpRequest.newBuilder(URI.create("https://localhost:" + kit.gateway.port() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      HttpResponse<String> agents = trusting.send(
          HttpRequest.newBuilder(URI.create("https://localhost:" + kit.gateway.port() + "/v1/agents"))
              .header("Authorization", "Bearer " + GatewayTestKit.ACME_KEY).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(agents.statusCode()).isEqualTo(200);

      boolean plainFailed;
      try {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + kit.gateway.port() + "/health"))
            .build(), HttpResponse.BodyHandlers.ofString());
        plainFailed = false;
      } catch (java.io.IOException e) {
        plainFailed = true;
      }
      assertThat(plainFailed).as("plain HTTP is refused on a TLS port").isTrue();
    }
  }

  private static SSLContext trusting(Path certPem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certPem)) {
      store.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
