package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.client.spec.AgentFiles;
import dev.steward.gateway.GatewaySettings;
import dev.steward.gateway.StewardGateway;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.WatchResponse;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events in segments (change id {@code events-in-segments}) end to end: a long agent on the embedded
 * server and the real worker, whose old events went into transcript segments in the blob store; the
 * client, a gateway's {@code Watch} over gRPC and {@code steward watch --from 0} (straight and through
 * the gateway) each see every event from 1 on, in order, none skipped.
 */
class EventsInSegmentsE2ETest {

  private static final String FILLER = " and some more words to make the message long".repeat(6);
  private static final AgentSpec SPEC = AgentFiles.parse("""
      name: chatty
      model: {provider: scripted}
      memory:
        context_tokens: 256
        segment_entries: 2
      """, "chatty.yaml");
  private static final Pattern SEQ = Pattern.compile("^\\s*(\\d+) ");

  private EmbeddedTemporal server;
  private StewardWorker worker;
  private AgentClient client;
  private StewardGateway gateway;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedTemporal.startOnFreePort();
    SearchAttributes.register(server.address(), "default");
    worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(server.address())).start();
    client = AgentClient.connect(new ClientSettings(server.address(), "default", WorkerSettings.DEFAULT_TASK_QUEUE));
    gateway = StewardGateway.builder().agentClient(client)
        .settings(GatewaySettings.defaults().withPort(0).withBindHost("127.0.0.1")).build().start();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (client != null) {
      client.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyEventOfALongAgentReachesTheClientAWatchAndTheCli() throws Exception {
    String id = "chatty-" + System.nanoTime();
    client.start(id, SPEC);
    for (int i = 1; i <= 24; i++) {
      client.ask(id, UserMessage.of("message " + i + FILLER), Duration.ofSeconds(60));
    }
    AgentWorkflow raw = client.workflowClient().newWorkflowStub(AgentWorkflow.class, id);
    await("old events in segments").atMost(Duration.ofSeconds(60)).until(() -> !raw.events(0).segments().isEmpty()
        && raw.snapshot().status() == AgentStatus.IDLE);
    EventPage held = raw.events(0);
    assertThat(held.segments()).allMatch(TranscriptSegment::holdsEvents);
    assertThat(held.events().get(0).seq()).as("the agent holds only its newest events").isGreaterThan(50);
    assertThat(held.oldestSeq()).as("none dropped").isEqualTo(1);
    client.stop(id, "done");
    client.awaitResult(id, Duration.ofSeconds(60));
    long last = client.events(id, Long.MAX_VALUE).lastSeq();
    List<Long> oneToLast = LongStream.rangeClosed(1, last).boxed().toList();

    // 1. The client, page by page.
    List<Long> seen = new ArrayList<>();
    for (long after = 0; ; ) {
      List<AgentEvent> page = client.events(id, after).events();
      if (page.isEmpty()) {
        break;
      }
      page.forEach(e -> seen.add(e.seq()));
      after = page.get(page.size() - 1).seq();
    }
    assertThat(seen).isEqualTo(oneToLast);

    // 2. A gateway's Watch from seq 0, over gRPC: every event, none skipped, then the end.
    List<Long> watched = new ArrayList<>();
    long skipped = 0;
    try (StewardGrpcClient grpc = StewardGrpcClient.builder().target("127.0.0.1:" + gateway.port()).build()) {
      for (Iterator<WatchResponse> it = grpc.watch(id, 0); it.hasNext(); ) {
        WatchResponse r = it.next();
        if (r.hasEvent()) {
          watched.add(r.getEvent().getSeq());
          skipped += r.getSkippedEvents();
        }
      }
    }
    assertThat(watched).isEqualTo(oneToLast);
    assertThat(skipped).isZero();

    // 3. steward watch --from 0, straight to Temporal and through the gateway.
    assertThat(watchedByCli(id)).isEqualTo(oneToLast);
    assertThat(watchedByCli(id, "--gateway", "127.0.0.1:" + gateway.port())).isEqualTo(oneToLast);
  }

  /** The sequence numbers {@code steward watch ID --from 0} prints for an agent that has ended. */
  private List<Long> watchedByCli(String id, String... more) {
    List<String> args = new ArrayList<>(List.of("watch", id, "--from", "0"));
    args.addAll(List.of(more));
    if (more.length == 0) {
      args.addAll(List.of("--address", server.address()));
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Long> out = new ArrayList<>();
    run.err().lines().forEach(line -> {
      Matcher m = SEQ.matcher(line);
      if (m.find()) {
        out.add(Long.parseLong(m.group(1)));
      }
    });
    return out;
  }
}
