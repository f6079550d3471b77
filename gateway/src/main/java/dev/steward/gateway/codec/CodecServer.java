package dev.steward.gateway.codec;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.healthcheck.HealthCheckService;
import dev.steward.gateway.ApiKeys;
import io.temporal.payload.codec.PayloadCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;

/**
 * A codec server on its own port ({@code steward codec-server}): {@code /codec/encode},
 * {@code /codec/decode} and {@code /health}. The gateway serves the same routes on its port.
 */
public final class CodecServer implements AutoCloseable {

  private final Server server;

  private CodecServer(Server server) {
    this.server = server;
  }

  /**
   * Starts listening on {@code host:port} (port 0: a free one).
   *
   * @throws IllegalStateException when the port cannot be opened
   */
  public static CodecServer start(String host, int port, PayloadCodec codec, ApiKeys keys, CodecSettings settings) {
    Server server = Server.builder()
        .http(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port))
        .serviceUnder(CodecSettings.PATH, new CodecHttpService(codec, keys, settings).withCors())
        .service("/health", HealthCheckService.of())
        .build();
    try {
      server.start().join();
    } catch (CompletionException e) {
      throw new IllegalStateException("cannot start the codec server on port " + port + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e.getCause());
    }
    return new CodecServer(server);
  }

  /** The port it listens on. */
  public int port() {
    return server.activeLocalPort();
  }

  @Override
  public void close() {
    server.stop().join();
  }
}
