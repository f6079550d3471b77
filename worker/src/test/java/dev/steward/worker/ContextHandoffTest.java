package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.activities.context.ModelContextHandoff;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A model call picked up by the worker that scheduled it takes its context from the worker's
 * {@link ModelContextHandoff} instead of asking the agent by query (issue 15). Real parts: the
 * Temporal test server (real time), Steward's worker, and the {@code openai} provider talking to a
 * local Chat Completions server that records the context of every call. {@code modelContext} queries
 * are counted by a gRPC interceptor on the stubs every worker here uses.
 */
class ContextHandoffTest {

  private final AtomicLong queries = new AtomicLong();
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
      .setUseTimeskipping(false)
      .setWorkflowServiceStubsOptions(WorkflowServiceStubsOptions.newBuilder()
          .setGrpcClientInterceptors(List.of(new QueryCounter(queries))).build())
      .build());
  private final FakeChatCompletions model = new FakeChatCompletions();
  private final List<StewardWorker> workers = new ArrayList<>();

  @AfterEach
  void close() {
    workers.forEach(StewardWorker::close);
    model.close();
    env.close();
  }

  /**
   * Two tool-calling turns on one worker: no query at all, and every call's context is exactly the
   * one the same conversation gets by query with the handoff off.
   */
  @Test
  void oneWorkerHandsEveryContextOverWithoutAQuery() {
    ModelContextHandoff handoff = new ModelContextHandoff();
    worker("handoff-on", handoff);
    AgentWorkflow agent = start("agent-on", "handoff-on");

    assertThat(ask(agent, "m1", "hello")).isEqualTo("noted: Name: Ada");
    assertThat(ask(agent, "m2", "again")).isEqualTo("noted: Name: Ada");

    assertThat(queries.get()).as("modelContext queries").isZero();
    assertThat(handoff.hits()).isEqualTo(4);
    assertThat(handoff.misses()).isZero();
    assertThat(handoff.size()).isZero();
    List<JsonNode> handedOver = model.contexts();
    assertThat(roles(handedOver.get(3)))
        .containsExactly("system", "user", "assistant", "tool", "assistant", "user", "assistant", "tool");

    // The same conversation with the handoff off: every call queries, and sees the same context.
    worker("handoff-off", ModelContextHandoff.off());
    AgentWorkflow queried = start("agent-off", "handoff-off");
    assertThat(ask(queried, "m1", "hello")).isEqualTo("noted: Name: Ada");
    assertThat(ask(queried, "m2", "again")).isEqualTo("noted: Name: Ada");

    assertThat(queries.get()).as("modelContext queries").isEqualTo(4);
    assertThat(model.contexts().subList(4, 8)).isEqualTo(handedOver);
  }

  /**
   * Two workers on one task queue: a call the other worker picks up is a miss there and reads its
   * context by query; the contexts are the same as on one worker, whichever worker ran what.
   */
  @Test
  void withTwoWorkersACallTheOtherWorkerPicksUpQueriesAndSeesTheSame() {
    ModelContextHandoff first = new ModelContextHandoff();
    ModelContextHandoff second = new ModelContextHandoff();
    worker("two-workers", first);
    worker("two-workers", second);
    AgentWorkflow agent = start("agent-two", "two-workers");

    for (int i = 1; i <= 3; i++) {
      assertThat(ask(agent, "m" + i, "turn " + i)).isEqualTo("noted: Name: Ada");
    }

    long calls = model.contexts().size();
    assertThat(calls).isEqualTo(6);
    assertThat(first.hits() + second.hits() + queries.get()).isEqualTo(calls);
    assertThat(first.misses() + second.misses()).isEqualTo(queries.get());
    List<JsonNode> contexts = model.contexts();
    assertThat(roles(contexts.get(5))).containsExactly("system", "user", "assistant", "tool", "assistant", "user",
        "assistant", "tool", "assistant", "user", "assistant", "tool");
    assertThat(contexts.get(5).get(9).path("content").asText()).isEqualTo("turn 3");
  }

  /** The first attempt of a step fails (500) after taking the view; the retry queries and gets the same context. */
  @Test
  void aRetriedModelCallGetsTheSameContext() {
    ModelContextHandoff handoff = new ModelContextHandoff();
    worker("retry", handoff);
    AgentWorkflow agent = start("agent-retry", "retry");

    assertThat(ask(agent, "m1", "a flaky one")).isEqualTo("noted: Name: Ada");

    List<JsonNode> contexts = model.contexts();
    assertThat(contexts).hasSize(3);
    assertThat(roles(contexts.get(1))).containsExactly("system", "user", "assistant", "tool");
    assertThat(contexts.get(2)).isEqualTo(contexts.get(1));
    assertThat(handoff.hits()).isEqualTo(2);
    assertThat(handoff.misses()).isEqualTo(1);
    assertThat(queries.get()).isEqualTo(1);
  }

  /** A person's memory edit between turns is in the next call's context, still without a query. */
  @Test
  void aMemoryEditBetweenTurnsReachesTheNextCall() {
    worker("memory", new ModelContextHandoff());
    AgentWorkflow agent = start("agent-memory", "memory");

    assertThat(ask(agent, "m1", "hello")).isEqualTo("noted: Name: Ada");
    agent.setMemory(new MemoryEdit("human", "Name: Grace", "test"));
    assertThat(ask(agent, "m2", "again")).isEqualTo("noted: Name: Grace");

    List<JsonNode> contexts = model.contexts();
    assertThat(system(contexts.get(0))).contains("Name: Ada").doesNotContain("Grace");
    assertThat(system(contexts.get(2))).contains("Name: Grace").doesNotContain("Ada");
    assertThat(queries.get()).isZero();
  }

  /**
   * A memory edit that arrives after a model call was scheduled and before it starts drops the view
   * handed over; the call then asks the agent and sees the edit, as the query alone would have.
   * The worker has one activity slot, held by another agent's call, so the call waits to start.
   */
  @Test
  void aMemoryEditWhileACallWaitsToStartIsNotMissed() {
    ModelContextHandoff handoff = new ModelContextHandoff();
    worker("in-flight", handoff, WorkerSettings.defaults().withMaxConcurrentActivities(1));
    AgentWorkflow holder = start("agent-holder", "in-flight");
    AgentWorkflow edited = start("agent-edited", "in-flight");

    CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> ask(holder, "h1", "hold the slot"));
    await().atMost(Duration.ofSeconds(30)).until(model::holding);
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> ask(edited, "e1", "hello"));
    await().atMost(Duration.ofSeconds(30)).until(() -> handoff.size() == 1);

    edited.setMemory(new MemoryEdit("human", "Name: Grace", "test"));
    assertThat(handoff.size()).isZero();
    model.release();

    assertThat(waiting.join()).isEqualTo("noted: Name: Grace");
    assertThat(held.join()).isEqualTo("noted: Name: Ada");
    JsonNode first = model.contexts().stream()
        .filter(c -> c.get(c.size() - 1).path("content").asText().equals("hello")).findFirst().orElseThrow();
    assertThat(system(first)).contains("Name: Grace");
    assertThat(queries.get()).isEqualTo(1);
  }

  private void worker(String queue, ModelContextHandoff handoff) {
    worker(queue, handoff, WorkerSettings.defaults());
  }

  private void worker(String queue, ModelContextHandoff handoff, WorkerSettings settings) {
    workers.add(StewardWorker.create(env.getWorkflowClient(),
        settings.withTaskQueue(queue).withAllowPrivateNetwork(true), handoff).start());
  }

  private AgentWorkflow start(String id, String queue) {
    AgentWorkflow agent = env.getWorkflowClient().newWorkflowStub(AgentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(queue).build());
    WorkflowClient.start(agent::run, AgentInput.of(spec()));
    return agent;
  }

  private static String ask(AgentWorkflow agent, String id, String text) {
    TurnOutcome outcome = agent.ask(new UserMessage(id, text, null));
    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(TurnOutcome.Status.COMPLETED);
    return outcome.reply();
  }

  private AgentSpec spec() {
    ModelSpec openai = new ModelSpec("openai", "gpt-4.1", model.baseUrl(), null, null, null, 30, null, null);
    MemorySpec memory = new MemorySpec(List.of(new MemorySpec.MemoryBlockSpec("human", null, 0, "Name: Ada")), 0,
        null, null);
    return new AgentSpec("handoff-test", "You keep notes.", openai, List.of(), null, null, null, List.of(), memory);
  }

  private static List<String> roles(JsonNode messages) {
    List<String> roles = new ArrayList<>();
    messages.forEach(m -> roles.add(m.path("role").asText()));
    return roles;
  }

  private static String system(JsonNode messages) {
    return messages.get(0).path("content").asText();
  }

  /**
   * Counts {@code modelContext} queries sent through the stubs. (A new spec's first model call also
   * reads the agent's {@code snapshot} once, for its models and tools: not counted here.)
   */
  private record QueryCounter(AtomicLong count) implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void sendMessage(Q message) {
          if (message instanceof QueryWorkflowRequest query && query.getQuery().getQueryType().equals("modelContext")) {
            count.incrementAndGet();
          }
          super.sendMessage(message);
        }
      };
    }
  }
}
