package dev.steward.activities.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.http.HttpGetTool;
import dev.steward.network.HostResolver;
import dev.steward.network.NetworkPolicy;
import dev.steward.network.RefusedDestinationException;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding and redirects, on loopback only: {@code rebind.test} answers 127.0.0.1 the first
 * time and 127.0.0.2 after that (two stand-ins on the same port). The connection goes to the
 * address that was vetted, however often the name would be asked again; a redirect is never followed.
 */
class RebindingAndRedirectTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theConnectionGoesToTheVettedAddressNotTheRebound() throws Exception {
    try (PrivateNetworkStandIn vetted = new PrivateNetworkStandIn("127.0.0.1", 0);
        PrivateNetworkStandIn rebound = new PrivateNetworkStandIn("127.0.0.2", vetted.port())) {
      AtomicInteger asked = new AtomicInteger();
      HostResolver rebinding = host -> List.of(InetAddress.getByName(
          host.equals("rebind.test") && asked.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2"));
      // The operator opened private networks here, so that the vetted stand-in may be reached at all.
      AgentNetwork network = new AgentNetwork(new NetworkPolicy(true, rebinding));

      PinnedHttpClient client = network.connect("http://rebind.test:" + vetted.port() + "/", Duration.ofSeconds(5));
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create("http://rebind.test:" + vetted.port() + "/call/" + i)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
      }

      assertThat(asked).as("lookups: one, when vetted").hasValue(1);
      assertThat(vetted.requests()).isEqualTo(3);
      assertThat(rebound.requests()).as("requests to the rebound address").isZero();
    }
  }

  @Test
  void aPublicFirstAnswerIsWhatTheConnectionUsesAndLoopbackIsNeverAsked() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    HostResolver rebinding = host -> List.of(InetAddress.getByName(asked.getAndIncrement() == 0 ? "8.8.4.4" : "127.0.0.1"));
    PinnedHttpClient client =
        new AgentNetwork(new NetworkPolicy(false, rebinding)).connect("http://rebind.test/", Duration.ofSeconds(5));

    // No connection is made (that would leave loopback): the pinned addresses are all it could use.
    assertThat(client.destination().addresses()).containsExactly(InetAddress.getByName("8.8.4.4"));
    assertThat(asked).hasValue(1);
  }

  @Test
  void aPinnedClientRefusesAnyOtherHost() throws Exception {
    try (PrivateNetworkStandIn inside = new PrivateNetworkStandIn("127.0.0.1", 0)) {
      PinnedHttpClient client = new AgentNetwork(new NetworkPolicy(true, HostResolver.SYSTEM))
          .connect("http://127.0.0.1:" + inside.port() + "/", Duration.ofSeconds(5));

      assertThatThrownBy(() -> client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.2:" + inside.port() + "/")).build(),
          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(RefusedDestinationException.class)
          .hasMessageContaining("vetted for 127.0.0.1");
      assertThat(inside.requests()).isZero();
    }
  }

  @Test
  void aRedirectToLoopbackIsNeverFollowed() throws Exception {
    try (PrivateNetworkStandIn inside = new PrivateNetworkStandIn("127.0.0.1", 0)) {
      HttpServer outside = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0), 0);
      outside.createContext("/", exchange -> {
        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + inside.port() + "/latest/meta-data");
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
      });
      outside.start();
      try {
        // The redirecting host stands for a public one (allow_private lets the test reach it on loopback).
        HostResolver table = host -> {
          if (host.equals("public.test")) {
            return List.of(InetAddress.getByName("127.0.0.3"));
          }
          throw new java.net.UnknownHostException(host);
        };
        AgentNetwork network = new AgentNetwork(new NetworkPolicy(false, table));
        ToolActivitiesImpl tools = new ToolActivitiesImpl(List.of(new HttpGetTool(network)));

        ToolResult result = tools.invoke(new ToolInvocation("agent-1", "call-1", "http_get",
            "{\"url\":\"http://public.test:" + outside.getAddress().getPort() + "/\"}",
            Map.of("allow_private", true)));

        JsonNode out = JSON.readTree(result.content());
        assertThat(out.path("status").asInt()).isEqualTo(302);
        assertThat(out.path("location").asText()).contains("/latest/meta-data");
        assertThat(inside.requests()).as("requests that followed the redirect").isZero();
      } finally {
        outside.stop(0);
      }
    }
  }

  @Test
  void aFollowUpCallToTheRedirectTargetIsVettedAgain() throws IOException {
    ToolActivitiesImpl tools = new ToolActivitiesImpl(List.of(new HttpGetTool(AgentNetwork.publicOnly())));
    try (PrivateNetworkStandIn inside = new PrivateNetworkStandIn("127.0.0.1", 0)) {
      ToolResult next = tools.invoke(new ToolInvocation("agent-1", "call-2", "http_get",
          "{\"url\":\"http://127.0.0.1:" + inside.port() + "/latest/meta-data\"}", Map.of()));
      assertThat(next.error()).isTrue();
      assertThat(next.content()).contains("refuses 127.0.0.1 (a loopback address)");
      assertThat(inside.requests()).isZero();
    }
  }
}
