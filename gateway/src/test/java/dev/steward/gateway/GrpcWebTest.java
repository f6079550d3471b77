package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.AgentServiceGrpc;
import dev.steward.proto.v1.ListAgentsRequest;
import dev.steward.proto.v1.ListAgentsResponse;
import org.junit.jupiter.api.Test;

/** Browsers speak gRPC-Web: the same port answers it, with the same auth and tenants. */
class GrpcWebTest {

  @Test
  void aGrpcWebClientListsItsTenantsAgents() {
    try (GatewayTestKit kit = new GatewayTestKit(); StewardGrpcClient acme = kit.client(GatewayTestKit.ACME_KEY)) {
      acme.startAgent("web-visible", "name: web-visible\nmodel: {provider: scripted}\n");

      AgentServiceGrpc.AgentServiceBlockingStub web = GrpcClients.builder("http://127.0.0.1:" + kit.gateway.port())
          .serializationFormat(GrpcSerializationFormats.PROTO_WEB)
          .addHeader("authorization", "Bearer " + GatewayTestKit.ACME_KEY)
          .build(AgentServiceGrpc.AgentServiceBlockingStub.class);
      ListAgentsResponse agents = web.listAgents(ListAgentsRequest.getDefaultInstance());

      assertThat(agents.getAgentsList()).extracting(a -> a.getAgentId()).contains("web-visible");
    }
  }
}
