package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.agent.context.ModelContext;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.MemorySpec.MemoryBlockSpec;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMemoryTest {

  private static final MemoryBlockSpec HUMAN = new MemoryBlockSpec("human", "what the person told you", 60, "Name: Ada");

  @Test
  void memoryBlocksAreInTheModelsContextAndTheAgentEditsThem() {
    ToolCall remember = new ToolCall("m1", "memory_append", "{\"block\":\"human\",\"text\":\"Likes tea\"}");
    ToolCall tooMuch = new ToolCall("m2", "memory_append", "{\"block\":\"human\",\"text\":\"" + "x".repeat(80) + "\"}");
    FakeModel model = FakeModel.callingTools(remember, tooMuch);
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("m-edit", spec(new MemorySpec(List.of(HUMAN), 0, null, null)));
      TurnOutcome out = agent.ask(UserMessage.of("I like tea"));

      assertThat(model.requests.get(0).instructions()).contains("<memory name=\"human\"", "Name: Ada");
      assertThat(model.requests.get(0).tools()).extracting(ToolSpec::name).contains("memory_append", "memory_replace");
      assertThat(out.reply()).contains("\"used\":19").contains("holds at most 60 characters");
      assertThat(model.requests.get(1).instructions()).contains("Name: Ada\nLikes tea");
      assertThat(agent.snapshot().memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("Name: Ada\nLikes tea");
      assertThat(agent.transcript(1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.MEMORY)
          .singleElement().extracting(TranscriptEntry::author).isEqualTo("agent");
    }
  }

  @Test
  void peopleEditMemoryWithinItsLimits() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("m-person", spec(new MemorySpec(List.of(HUMAN), 0, null, null)));

      agent.setMemory(new MemoryEdit("human", "Name: Ada Lovelace", "grace"));
      assertThatThrownBy(() -> agent.setMemory(new MemoryEdit("human", "y".repeat(61), "grace")))
          .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("at most 60 characters");

      assertThat(agent.snapshot().memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("Name: Ada Lovelace");
    }
  }

  @Test
  void memoryAndTheTranscriptSurviveFiveContinueAsNewRuns() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentInput input = new AgentInput(spec(new MemorySpec(List.of(HUMAN), 0, null, null)), "acme", 20, null);
      AgentWorkflow agent = kit.start("m-can", input);
      agent.setMemory(new MemoryEdit("human", "Name: Ada, run 1", null));
      for (int i = 1; i <= 12; i++) {
        agent.ask(UserMessage.of("message " + i));
      }
      await().until(() -> agent.snapshot().runs() >= 6);

      AgentSnapshot s = agent.snapshot();
      assertThat(s.memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("Name: Ada, run 1");
      assertThat(s.tenant()).isEqualTo("acme");
      assertThat(s.usage().turns()).isEqualTo(12);
      assertThat(s.turn()).isEqualTo(12);
      List<TranscriptEntry> t = agent.transcript(1, 500).entries();
      assertThat(t).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).extracting(TranscriptEntry::text)
          .containsExactly(java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> "message " + i).toArray(String[]::new));
      assertThat(agent.ask(UserMessage.of("still there?")).reply()).isEqualTo("re: still there?");
    }
  }

  @Test
  void olderTurnsAreFoldedIntoASummaryWithoutSplittingAToolCallFromItsResult() {
    FakeModel model = new FakeModel(r -> r.step() == 1
        ? new ModelResponse("", List.of(new ToolCall("t" + r.turn(), "current_time", "{}")), TokenUsage.ZERO)
        : FakeModel.reply("answer " + r.turn() + " " + "z".repeat(200)));
    FakeSummarizer.REQUESTS.clear();
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("m-compact", spec(new MemorySpec(List.of(), 300, null, null), "current_time"));
      for (int i = 1; i <= 6; i++) {
        agent.ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
      }

      AgentSnapshot s = agent.snapshot();
      assertThat(s.summary()).startsWith("folded ");
      assertThat(s.compactedThroughSeq()).isPositive();
      assertThat(FakeSummarizer.REQUESTS).isNotEmpty();
      // Every later request starts with the summary, then a person's message: never an orphan tool result.
      ModelRequest last = model.requests.get(model.requests.size() - 1);
      assertThat(last.messages().get(0).text()).startsWith(ModelContext.SUMMARY_PREFIX);
      assertThat(last.messages().get(1).role()).isEqualTo(ChatMessage.Role.USER);
      // People still read everything, summaries included (folded entries through their segments).
      List<TranscriptEntry> t = TranscriptSegmentsTest.everything(agent);
      assertThat(t).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).hasSize(6);
      assertThat(t).anyMatch(e -> e.kind() == TranscriptEntry.Kind.SUMMARY);
    }
  }

  @Test
  void afterARewindTheLongFoldIsSplitSoNoSummariserCallReadsMoreThanTheBudget() {
    FakeModel model = new FakeModel(r -> FakeModel.reply("answer " + r.turn() + " " + "z".repeat(200)));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("m-rewind-fold", spec(new MemorySpec(List.of(), 300, null, null)));
      for (int i = 1; i <= 12; i++) {
        agent.ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
      }
      agent.rewind(10);
      FakeSummarizer.REQUESTS.clear();

      agent.ask(UserMessage.of("and now?"));

      List<TranscriptEntry> t = agent.transcript(1, 500).entries();
      var folds = List.copyOf(FakeSummarizer.REQUESTS);
      assertThat(folds).as("one fold would read about ten turns").hasSizeGreaterThan(1);
      assertThat(folds.get(0).fromSeq()).isEqualTo(1);
      for (int i = 0; i < folds.size(); i++) {
        var fold = folds.get(i);
        long tokens = t.stream().filter(e -> e.seq() >= fold.fromSeq() && e.seq() <= fold.toSeq())
            .mapToLong(e -> dev.steward.workflows.memory.Compaction.estimateTokens(e.text())).sum();
        assertThat(tokens).as("entries read by fold " + i).isLessThanOrEqualTo(300);
        if (i > 0) {
          assertThat(fold.fromSeq()).isEqualTo(folds.get(i - 1).toSeq() + 1);
          assertThat(fold.previousSummary()).isEqualTo("folded " + folds.get(i - 1).fromSeq() + "-" + folds.get(i - 1).toSeq());
        }
      }
      assertThat(agent.snapshot().compactedThroughSeq()).isEqualTo(folds.get(folds.size() - 1).toSeq());
    }
  }

  @Test
  void aContextTooLongForTheModelIsSummarisedAndTheStepTriedAgain() {
    // This model takes at most 12 messages, far below the agent's own budget.
    FakeModel model = new FakeModel(r -> {
      if (r.messages().size() > 12) {
        throw ApplicationFailure.newNonRetryableFailure("fake/test-1: context length exceeded (13 messages)",
            "ModelContextTooLong");
      }
      return FakeModel.reply("ok " + r.turn());
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("m-too-long", spec(MemorySpec.DEFAULTS));
      for (int i = 1; i <= 8; i++) {
        assertThat(agent.ask(UserMessage.of("message " + i)).reply()).isEqualTo("ok " + i);
      }

      assertThat(agent.snapshot().summary()).startsWith("folded ");
      assertThat(TranscriptSegmentsTest.everything(agent)).extracting(TranscriptEntry::text)
          .anyMatch(t -> t.contains("context length exceeded") && t.endsWith("summarised older turns and tried again"));
    }
  }

  private static AgentSpec spec(MemorySpec memory, String... tools) {
    ModelSpec model = new ModelSpec("fake", "test-1", null, null, null, null, null, null, null);
    return new AgentSpec("rememberer", "You remember.", model, java.util.Arrays.stream(tools).map(ToolSpec::of).toList(),
        Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE, List.of(), memory);
  }
}
