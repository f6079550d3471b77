package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.UserMessage;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server keeps sticky execution for the worker in its own process (its agents' steps
 * come with only the new events) and turns it off for any other worker (every step comes through
 * the normal queue, where another worker could take it if this one died).
 */
class StickyOnlyInProcessTest {

  @TempDir Path dir;

  @Test
  void onlyTheInProcessWorkerGetsStickyTasks() throws Exception {
    StickyTaskCounter sticky = new StickyTaskCounter();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(
        EmbeddedTemporal.LOOPBACK, 0, InsecureServerCredentials.create(), List.of(sticky))) {
      SearchAttributes.register(server.address(), "default");
      WorkerSettings settings = WorkerSettings.defaults().withAddress(server.address());
      StewardWorker inProcess = StewardWorker.connect(server.forInProcessWorker(settings.withTaskQueue("own"))).start();
      StewardWorker other = StewardWorker.connect(settings.withTaskQueue("other")).start();
      Path file = dir.resolve("echo.yaml");
      Files.writeString(file, "name: echo\nmodel: {provider: scripted, script: [{steps: [{reply: \"got {{input}}\"}]}]}\n");
      try {
        for (String queue : List.of("own", "other")) {
          try (AgentClient client = AgentClient.connect(new ClientSettings(server.address(), "default", queue))) {
            client.start("echo-" + queue, file);
            for (int i = 1; i <= 3; i++) {
              assertThat(client.ask("echo-" + queue, UserMessage.of("ask " + i), Duration.ofSeconds(30)).reply())
                  .isEqualTo("got ask " + i);
            }
          }
        }
      } finally {
        other.close();
        inProcess.close();
      }
      String inProcessIdentity = server.forInProcessWorker(settings).identity();
      assertThat(sticky.byIdentity).as("workflow tasks handed out on sticky queues, by worker")
          .containsOnlyKeys(inProcessIdentity);
      assertThat(sticky.byIdentity.get(inProcessIdentity).get()).isGreaterThanOrEqualTo(2);
    }
  }

  /** Counts the workflow tasks handed out on sticky queues, by the polling worker's identity. */
  private static final class StickyTaskCounter implements ServerInterceptor {

    private final Map<String, AtomicInteger> byIdentity = new ConcurrentHashMap<>();

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
        ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      String[] identity = {null};
      ServerCall<ReqT, RespT> counting = new SimpleForwardingServerCall<>(call) {
        @Override
        public void sendMessage(RespT message) {
          if (identity[0] != null && message instanceof PollWorkflowTaskQueueResponse task && !task.getTaskToken().isEmpty()) {
            byIdentity.computeIfAbsent(identity[0], k -> new AtomicInteger()).incrementAndGet();
          }
          super.sendMessage(message);
        }
      };
      return new SimpleForwardingServerCallListener<>(next.startCall(counting, headers)) {
        @Override
        public void onMessage(ReqT message) {
          if (message instanceof PollWorkflowTaskQueueRequest poll
              && poll.getTaskQueue().getKind() == TaskQueueKind.TASK_QUEUE_KIND_STICKY) {
            identity[0] = poll.getIdentity();
          }
          super.onMessage(message);
        }
      };
    }
  }
}
