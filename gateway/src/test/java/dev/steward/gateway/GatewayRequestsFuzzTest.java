package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.AgentServiceGrpc.AgentServiceBlockingStub;
import dev.steward.proto.v1.AnswerQuestionRequest;
import dev.steward.proto.v1.AskRequest;
import dev.steward.proto.v1.ChangeScheduleRequest;
import dev.steward.proto.v1.DecideRequest;
import dev.steward.proto.v1.ExportAgentRequest;
import dev.steward.proto.v1.ForkAgentRequest;
import dev.steward.proto.v1.GetAgentRequest;
import dev.steward.proto.v1.GetTranscriptRequest;
import dev.steward.proto.v1.ImportAgentRequest;
import dev.steward.proto.v1.ListAgentsRequest;
import dev.steward.proto.v1.ListEventsRequest;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.RewindRequest;
import dev.steward.proto.v1.SendMessageRequest;
import dev.steward.proto.v1.SetMemoryRequest;
import dev.steward.proto.v1.StartAgentRequest;
import dev.steward.proto.v1.StopAgentRequest;
import dev.steward.proto.v1.UpdateSpecRequest;
import dev.steward.proto.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated requests against one running gateway (real Temporal test server, worker
 * and gateway over TCP): every RPC with random field values (huge, negative and boundary numbers,
 * odd and oversized strings, names of a real agent and of none), and HTTP/JSON calls with random
 * and malformed JSON. No answer may be INTERNAL or UNKNOWN on gRPC, nor 500 on HTTP. Seeded: the
 * seed is printed, and {@code -Dsteward.fuzz.seed=N} replays a run; the counts are fixed.
 */
class GatewayRequestsFuzzTest {

  private static final int GRPC_CASES = 1500;
  private static final int HTTP_CASES = 1000;
  private static final String TARGET = "fuzz-target";
  private static final Set<Status.Code> BUGS = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DATA_LOSS);

  private static GatewayTestKit kit;
  private static StewardGrpcClient acme;
  // HTTP/1.1, as curl and most HTTP/JSON clients speak it.
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
    acme.startAgent(TARGET, GatewayEndToEndTest.ECHO + "schedules:\n  - {name: nightly, every: 24h, message: Tidy}\n");
    acme.ask(TARGET, "first turn", java.time.Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    acme.close();
    kit.close();
  }

  @Test
  void randomGrpcRequestsNeverAnswerInternalOrUnknown() {
    long seed = seed("grpc");
    Values v = new Values(new Random(seed));
    List<String> bugs = new ArrayList<>();
    for (int i = 0; i < GRPC_CASES && bugs.size() < 5; i++) {
      int rpc = v.random.nextInt(19);
      AgentServiceBlockingStub stub = acme.stub().withDeadlineAfter(rpc == 2 || rpc == 18 ? 2 : 20, TimeUnit.SECONDS);
      try {
        call(stub, rpc, v);
      } catch (StatusRuntimeException e) {
        if (BUGS.contains(e.getStatus().getCode())) {
          bugs.add("case " + i + " (rpc " + rpc + "): " + e.getStatus());
        }
      }
    }
    assertThat(bugs).as("seed " + seed).isEmpty();
  }

  @Test
  void randomAndMalformedHttpJsonNeverAnswer500() throws Exception {
    long seed = seed("http");
    Values v = new Values(new Random(seed));
    List<String> bugs = new ArrayList<>();
    String[] posts = {"/v1/agents", "/v1/agents:import", "/v1/agents/%s:send", "/v1/agents/%s:ask", "/v1/agents/%s:decide",
        "/v1/agents/%s:answer", "/v1/agents/%s:setMemory", "/v1/agents/%s:changeSchedule", "/v1/agents/%s:rewind",
        "/v1/agents/%s:fork", "/v1/agents/%s:updateSpec"};
    String[] gets = {"/v1/agents", "/v1/agents/%s", "/v1/agents/%s/transcript", "/v1/agents/%s/events",
        "/v1/agents/%s:export"};
    for (int i = 0; i < HTTP_CASES && bugs.size() < 5; i++) {
      boolean post = v.random.nextBoolean();
      String id = v.random.nextInt(3) == 0 ? URLEncoder.encode(v.string(), StandardCharsets.UTF_8) : TARGET;
      String path = (post ? posts[v.random.nextInt(posts.length)] : gets[v.random.nextInt(gets.length)])
          .replace("%s", id.isEmpty() ? "x" : id);
      if (!post) {
        path += "?" + v.query();
      }
      HttpRequest.Builder request;
      try {
        request = HttpRequest.newBuilder(URI.create("http://" + kit.target() + path))
            .timeout(java.time.Duration.ofSeconds(20))
            .header("content-type", "application/json")
            .header("authorization", "Bearer " + GatewayTestKit.ACME_KEY);
      } catch (IllegalArgumentException e) {
        continue; // not a URI at all: nothing a client could send
      }
      String body = post ? v.json() : null;
      request.method(post ? "POST" : "GET",
          body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 500 || response.statusCode() == 501) {
        bugs.add("case " + i + ": " + (post ? "POST " : "GET ") + path + " " + abbreviate(body) + " -> "
            + response.statusCode() + " " + abbreviate(response.body()));
      }
    }
    assertThat(bugs).as("seed " + seed).isEmpty();
  }

  private static void call(AgentServiceBlockingStub stub, int rpc, Values v) {
    switch (rpc) {
      case 0 -> stub.startAgent(v.start());
      case 1 -> stub.sendMessage(SendMessageRequest.newBuilder().setName(v.name()).setMessage(v.message()).build());
      case 2 -> stub.ask(AskRequest.newBuilder().setName(v.name()).setMessage(v.message())
          .setTimeout(v.duration()).build());
      case 3 -> stub.decide(DecideRequest.newBuilder().setName(v.name()).setCallId(v.string())
          .setApproved(v.random.nextBoolean()).setReason(v.string()).setDecidedBy(v.string()).build());
      case 4 -> stub.answerQuestion(AnswerQuestionRequest.newBuilder().setName(v.name()).setQuestionId(v.string())
          .setText(v.string()).setAnsweredBy(v.string()).build());
      case 5 -> stub.setMemory(SetMemoryRequest.newBuilder().setName(v.name()).setBlock(v.string())
          .setText(v.string()).setEditedBy(v.string()).build());
      case 6 -> stub.changeSchedule(ChangeScheduleRequest.newBuilder().setName(v.name()).setSchedule(v.string())
          .setActionValue(v.anInt()).build());
      case 7 -> stub.rewind(RewindRequest.newBuilder().setName(v.name()).setToTurn(v.anInt()).build());
      case 8 -> stub.forkAgent(ForkAgentRequest.newBuilder().setName(v.name()).setAtTurn(v.anInt())
          .setNewAgentId(v.string()).build());
      case 9 -> stub.exportAgent(ExportAgentRequest.newBuilder().setName(v.name()).build());
      case 10 -> stub.importAgent(ImportAgentRequest.newBuilder().setExportJson(v.json()).setAgentId(v.string()).build());
      case 11 -> stub.getAgent(GetAgentRequest.newBuilder().setName(v.name()).build());
      case 12 -> stub.getTranscript(GetTranscriptRequest.newBuilder().setName(v.name()).setPageSize(v.anInt())
          .setPageToken(v.string()).setFromSeq(v.aLong()).build());
      case 13 -> stub.listAgents(ListAgentsRequest.newBuilder().setPageSize(v.anInt()).setPageToken(v.string())
          .setDisplayName(v.string()).setStatusValue(v.anInt()).build());
      // Never the target: the other cases need it running.
      case 14 -> stub.stopAgent(StopAgentRequest.newBuilder().setName("agents/" + v.string()).setReason(v.string())
          .build());
      case 15 -> stub.updateSpec(v.update());
      case 16 -> stub.listEvents(ListEventsRequest.newBuilder().setName(v.name()).setAfterSeq(v.aLong()).build());
      case 17 -> stub.getAgent(GetAgentRequest.newBuilder().setName(v.string()).build());
      default -> stub.watch(WatchRequest.newBuilder().setName(v.name()).setAfterSeq(v.aLong())
          .setPartialReplies(v.random.nextBoolean()).build()).hasNext();
    }
  }

  private static long seed(String what) {
    long seed = Long.getLong("steward.fuzz.seed", System.nanoTime());
    System.out.println("GatewayRequestsFuzzTest " + what + " seed " + seed + " (replay with -Dsteward.fuzz.seed=" + seed
        + ")");
    return seed;
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  /** Random field values, biased towards the edges where bugs live. */
  private static final class Values {

    private static final String[] STRINGS = {
        "", " ", "x", TARGET, "agents/" + TARGET, "agents/", "agents/..", "../../etc/passwd", "agents/a/b", "nightly",
        "human", "call_1", "\u0000", "\uFEFF", "\u202E", "😀", "é", "\n", "\r\n", "%00", "%", "{}", "[]", "null",
        "a".repeat(129), "a".repeat(201), "b".repeat(70_000), "-1", "9223372036854775808", "${HOME}", "<script>",
        "dDE6MTAw", "bDE6MDowOmE", "dDE6LTE", "dDE6OTIyMzM3MjAzNjg1NDc3NTgwNw"};
    private static final String[] SPECS = {
        GatewayEndToEndTest.ECHO, "name: x\nmodel: {provider: scripted}\nlimits: {max_turns: -1}\n",
        "name: x\nmodel: {provider: scripted, max_tokens: 99999999999}\n", "name: [\n", ": :", "- - -",
        "name: x\nmodel: {provider: openai, id: gpt-4.1, base_url: 'http://127.0.0.1:1/v1'}\n",
        "name: x\nmodel: {provider: scripted}\ntools: " + "[".repeat(2000) + "]".repeat(2000) + "\n",
        "name: x\nmodel: {provider: scripted}\nschedules: [{name: s, cron: '99 99 * * *', message: m}]\n",
        "name: x\nmodel: {provider: scripted}\nmemory: {blocks: [{name: h, limit: -5}]}\n"};
    private static final String[] JSON = {
        "", "{", "}", "[]", "null", "0", "\"x\"", "{\"agentId\": ", "{\"agentId\": 5}", "{\"specYaml\": []}",
        "{\"pageSize\": \"abc\"}", "{\"toTurn\": 99999999999}", "{\"toTurn\": -1}", "{\"atTurn\": 1e400}",
        "{\"timeout\": \"-5s\"}", "{\"timeout\": \"315576000001s\"}", "{\"timeout\": \"1.5.5s\"}",
        "{\"message\": {\"text\": 5}}", "{\"message\": null}", "{\"message\": {\"text\": \"hi\"}, \"timeout\": \"2s\"}",
        "{\"action\": \"ACTION_NOPE\"}", "{\"action\": 99}", "{\"fromSeq\": \"-9223372036854775809\"}",
        "{\"unknownField\": 1}", "{\"agent_id\": \"snake\", \"spec_yaml\": \"name: [\"}", "\u0000", "{\"a\":" .repeat(3000),
        "[" .repeat(5000) + "]".repeat(5000), "{\"exportJson\": \"{\\\"format\\\": \\\"steward.agent.v1\\\"}\"}",
        "{\"specJson\": \"{\\\"name\\\": 5}\"}", "{\"approved\": \"yes\"}", "{\"callId\": {\"x\": 1}}"};
    private static final int[] INTS = {0, 1, -1, 2, 500, 501, 1000, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final long[] LONGS = {0, 1, -1, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE,
        Long.MIN_VALUE};

    final Random random;

    Values(Random random) {
      this.random = random;
    }

    String string() {
      return random.nextInt(4) == 0 ? randomChars() : STRINGS[random.nextInt(STRINGS.length)];
    }

    String name() {
      return random.nextInt(3) == 0 ? string() : "agents/" + TARGET;
    }

    int anInt() {
      return random.nextInt(3) == 0 ? random.nextInt() : INTS[random.nextInt(INTS.length)];
    }

    long aLong() {
      return random.nextInt(3) == 0 ? random.nextLong() : LONGS[random.nextInt(LONGS.length)];
    }

    Duration duration() {
      return Duration.newBuilder().setSeconds(random.nextBoolean() ? random.nextInt(3) : aLong())
          .setNanos(random.nextBoolean() ? 0 : anInt()).build();
    }

    Message message() {
      return Message.newBuilder().setText(string()).setId(string()).setSender(string()).build();
    }

    String json() {
      if (random.nextInt(4) == 0) {
        String whole = JSON[random.nextInt(JSON.length)];
        return whole.isEmpty() ? whole : whole.substring(0, random.nextInt(whole.length() + 1));
      }
      return JSON[random.nextInt(JSON.length)];
    }

    String query() {
      String[] keys = {"pageSize", "page_size", "pageToken", "fromSeq", "from_seq", "afterSeq", "status", "displayName",
          "unknown"};
      String value = random.nextBoolean() ? String.valueOf(aLong()) : URLEncoder.encode(string(), StandardCharsets.UTF_8);
      return keys[random.nextInt(keys.length)] + "=" + value;
    }

    StartAgentRequest start() {
      StartAgentRequest.Builder start = StartAgentRequest.newBuilder().setAgentId(string());
      return switch (random.nextInt(3)) {
        case 0 -> start.setSpecYaml(SPECS[random.nextInt(SPECS.length)]).build();
        case 1 -> start.setSpecJson(json()).build();
        default -> start.setSpecName(string()).build();
      };
    }

    UpdateSpecRequest update() {
      UpdateSpecRequest.Builder update = UpdateSpecRequest.newBuilder().setName(name());
      return switch (random.nextInt(3)) {
        case 0 -> update.setSpecYaml(SPECS[random.nextInt(SPECS.length)]).build();
        case 1 -> update.setSpecJson(json()).build();
        default -> update.setSpecName(string()).build();
      };
    }

    private String randomChars() {
      StringBuilder out = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        out.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x2FFFF) : 32 + random.nextInt(95));
      }
      return out.toString();
    }
  }
}
