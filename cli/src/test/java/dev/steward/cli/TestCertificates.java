package dev.steward.cli;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA with a server certificate and a client certificate, made with {@code openssl} the way
 * an operator would make them for a self-hosted cluster. The server's certificate names
 * {@link #SERVER_NAME}, not {@code localhost}, so a client must set the server name to accept it.
 * Tests are skipped where {@code openssl} is missing.
 */
record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  /** The name in the server's certificate. */
  static final String SERVER_NAME = "temporal.steward.test";

  static TestCertificates create(Path dir) throws Exception {
    Path ca = dir.resolve("ca.pem");
    Path caKey = dir.resolve("ca-key.pem");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Steward test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout", caKey.toString(), "-out", ca.toString());
    Path serverCert = dir.resolve("server.pem");
    Path serverKey = dir.resolve("server-key.pem");
    signed(dir, ca, caKey, "server", "/CN=" + SERVER_NAME,
        "subjectAltName=DNS:" + SERVER_NAME + "\nextendedKeyUsage=serverAuth\n", serverCert, serverKey);
    Path clientCert = dir.resolve("client.pem");
    Path clientKey = dir.resolve("client-key.pem");
    signed(dir, ca, caKey, "client", "/CN=steward-worker", "extendedKeyUsage=clientAuth\n", clientCert, clientKey);
    return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey);
  }

  private static void signed(Path dir, Path ca, Path caKey, String name, String subject, String extensions,
      Path cert, Path key) throws Exception {
    Path request = dir.resolve(name + ".csr");
    Path extensionFile = dir.resolve(name + ".ext");
    Files.writeString(extensionFile, extensions);
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", key.toString(),
        "-out", request.toString());
    openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-days", "1", "-extfile", extensionFile.toString(), "-out", cert.toString());
  }

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeThat(false).as("openssl is installed").isTrue();
      return;
    }
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    boolean done = process.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    assumeThat(done && process.exitValue() == 0).as("openssl " + String.join(" ", args)).isTrue();
  }
}
