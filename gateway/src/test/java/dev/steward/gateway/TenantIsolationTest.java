package dev.steward.gateway;

import static dev.steward.gateway.GatewayErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.AgentEvent;
import dev.steward.proto.v1.AgentStatus;
import dev.steward.proto.v1.ChangeScheduleRequest;
import dev.steward.proto.v1.ExportAgentRequest;
import dev.steward.proto.v1.ForkAgentRequest;
import dev.steward.proto.v1.RewindRequest;
import dev.steward.proto.v1.SetMemoryRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A tenant sees, watches and touches only its own agents: for every RPC, another tenant's agent
 * answers exactly like an id that was never used (NOT_FOUND with the same words), so ids do not leak.
 */
class TenantIsolationTest {

  static GatewayTestKit kit;
  static StewardGrpcClient acme;
  static StewardGrpcClient globex;

  @BeforeAll
  static void start() throws Exception {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
    globex = kit.client(GatewayTestKit.GLOBEX_KEY);
    acme.startAgentNamed("acme-secret", "clerk");
    // Leave a decision pending, so that Decide has a real call id to try.
    acme.send("acme-secret", "what time is it?");
    try (EventStream watch = new EventStream(acme, "acme-secret", 0)) {
      watch.until(AgentEvent.Type.TYPE_APPROVAL_NEEDED);
    }
  }

  @AfterAll
  static void stop() {
    acme.close();
    globex.close();
    kit.close();
  }

  @Test
  void everyRpcOnAnotherTenantsAgentLooksLikeAMissingOne() throws Exception {
    String callId = acme.get("acme-secret").getPendingApprovals(0).getCallId();
    Map<String, Executable> rpcs = Map.ofEntries(Map.entry("ListEvents", () -> globex.events(id(), 0)),
        Map.entry("GetAgent", () -> globex.get(id())),
        Map.entry("SendMessage", () -> globex.send(id(), "hi")),
        Map.entry("Ask", () -> globex.ask(id(), "hi", Duration.ofSeconds(5))),
        Map.entry("Decide", () -> globex.decide(id(), callId, true, "mine now")),
        Map.entry("AnswerQuestion", () -> globex.answer(id(), callId, "mine now")),
        Map.entry("SetMemory", () -> globex.stub().setMemory(SetMemoryRequest.newBuilder()
            .setName(StewardGrpcClient.name(id())).setBlock("notes").setText("mine now").build())),
        Map.entry("ChangeSchedule", () -> globex.changeSchedule(id(), "nightly",
            ChangeScheduleRequest.Action.ACTION_DELETE)),
        Map.entry("Rewind", () -> globex.stub().rewind(RewindRequest.newBuilder()
            .setName(StewardGrpcClient.name(id())).setToTurn(0).build())),
        Map.entry("ForkAgent", () -> globex.stub().forkAgent(ForkAgentRequest.newBuilder()
            .setName(StewardGrpcClient.name(id())).build())),
        Map.entry("ExportAgent", () -> globex.stub().exportAgent(ExportAgentRequest.newBuilder()
            .setName(StewardGrpcClient.name(id())).build())),
        Map.entry("GetTranscript", () -> globex.transcript(id())),
        Map.entry("StopAgent", () -> globex.stop(id(), "bye")),
        Map.entry("UpdateSpec", () -> globex.updateSpec(id(), GatewayEndToEndTest.ECHO.replace("echo", "clerk"))));
    for (var rpc : rpcs.entrySet()) {
      String name = rpc.getKey();
      StatusRuntimeException foreign = failure(() -> run(rpc.getValue(), "acme-secret"));
      StatusRuntimeException missing = failure(() -> run(rpc.getValue(), "never-was"));
      assertThat(foreign.getStatus().getCode()).as(name).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(foreign.getStatus().getDescription()).as(name)
          .isEqualTo(missing.getStatus().getDescription().replace("never-was", "acme-secret"));
    }
    try (EventStream watch = new EventStream(globex, "acme-secret", 0)) {
      assertThat(Status.fromThrowable(watch.outcome()).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    Agent untouched = acme.get("acme-secret");
    assertThat(untouched.getStatus()).isEqualTo(AgentStatus.AGENT_STATUS_WAITING_FOR_APPROVAL);
    assertThat(untouched.getPendingApprovals(0).getDecided()).isFalse();
    assertThat(untouched.getInboxSize()).isZero();
    assertThat(untouched.getDisplayName()).isEqualTo("clerk");
  }

  /** The RPCs above name the agent by id(); runs one with a concrete id. */
  private static void run(Executable rpc, String agentId) throws Throwable {
    CURRENT_ID.set(agentId);
    try {
      rpc.execute();
    } finally {
      CURRENT_ID.remove();
    }
  }

  private static final ThreadLocal<String> CURRENT_ID = new ThreadLocal<>();

  private static String id() {
    return CURRENT_ID.get();
  }

  @Test
  void listingShowsOnlyTheCallersAgents() {
    globex.startAgent("globex-own", GatewayEndToEndTest.ECHO);

    List<String> seenByGlobex = globex.list(null, null).stream().map(Agent::getAgentId).toList();
    List<String> seenByAcme = acme.list(null, null).stream().map(Agent::getAgentId).toList();

    assertThat(seenByGlobex).contains("globex-own").doesNotContain("acme-secret");
    assertThat(seenByAcme).contains("acme-secret").doesNotContain("globex-own");
  }

  @Test
  void startingWithAnotherTenantsIdDoesNotReachTheirAgent() {
    StatusRuntimeException sameSpec = failure(() -> globex.startAgentNamed("acme-secret", "clerk"));
    StatusRuntimeException otherSpec = failure(() -> globex.startAgent("acme-secret", GatewayEndToEndTest.ECHO));

    assertThat(sameSpec.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(sameSpec.getStatus().getDescription()).isEqualTo("agent id 'acme-secret' is not available; choose another id");
    assertThat(otherSpec.getStatus().getDescription()).isEqualTo(sameSpec.getStatus().getDescription());
  }

  @Test
  void withAuthOffEverythingBelongsToTheDefaultTenant() {
    try (StewardGateway open = StewardGateway.builder().settings(GatewaySettings.defaults().withPort(0))
            .agentClient(kit.agentClient).build().start();
        StewardGrpcClient anyone = StewardGrpcClient.builder().target("localhost:" + open.port()).build()) {
      assertThat(anyone.startAgent("dev-agent", GatewayEndToEndTest.ECHO).getTenant()).isEqualTo("default");
      assertThat(anyone.list(null, null)).extracting(Agent::getAgentId).contains("dev-agent").doesNotContain("acme-secret");
      assertThat(failure(() -> acme.get("dev-agent")).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
  }
}
