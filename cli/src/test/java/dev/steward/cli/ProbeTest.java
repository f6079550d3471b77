package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.connection.TemporalConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe tells a server that is not there from one that is there but slow. */
class ProbeTest {

  @Test
  void aServingServerAnAbsentOneAndASilentOne() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.startOnFreePort()) {
      assertThat(Probe.ask(TemporalConnection.plain(server.address(), null),
          Duration.ofSeconds(10))).isEqualTo(Probe.Answer.SERVING);
    }
    int closed = EmbeddedTemporal.freePort();
    assertThat(Probe.ask(TemporalConnection.plain("localhost:" + closed, null),
        Duration.ofSeconds(10))).isEqualTo(Probe.Answer.ABSENT);

    // Accepts connections and never answers, like a server too busy to.
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (Exception e) {
          // Closed at the end of the test.
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      assertThat(Probe.ask(TemporalConnection.plain("localhost:" + silent.getLocalPort(), null),
          Duration.ofSeconds(3))).isEqualTo(Probe.Answer.SILENT);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
