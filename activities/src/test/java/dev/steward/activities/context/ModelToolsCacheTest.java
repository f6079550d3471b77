package dev.steward.activities.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelTools;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A model input that names its models and tools by hash is resolved from the worker's cache, or
 * from the agent on a miss (a fresh worker after a restart), and never to the wrong spec.
 */
class ModelToolsCacheTest {

  private static final ModelSpec PRIMARY = new ModelSpec("scripted", "primary", null, null, null, null, null,
      Map.of("b", 2, "a", 1), List.of());
  private static final ModelSpec FALLBACK = new ModelSpec("scripted", "fallback", null, null, null, null, null, null, null);
  private static final AgentSpec SPEC = new AgentSpec("a", "be brief", PRIMARY,
      List.of(new ToolSpec("http_get", Map.of("allow_hosts", List.of("example.org"), "max_bytes", 10))),
      null, null, null, List.of(FALLBACK), null, null, null, null, null, null);

  @Test
  void aMissReadsTheAgentOnceThenTheCacheAnswers() {
    ModelToolsCache cache = new ModelToolsCache();
    AtomicInteger reads = new AtomicInteger();
    ModelRequest request = ModelRequest.byReference("a", 1, 1, 5, ModelTools.of(SPEC).hash(), 1);

    ModelRequest first = cache.resolve(request, () -> { reads.incrementAndGet(); return SPEC; });
    ModelRequest second = cache.resolve(request, () -> { reads.incrementAndGet(); return SPEC; });

    assertThat(reads).hasValue(1);
    assertThat(first).isEqualTo(second);
    assertThat(first.model()).isEqualTo(FALLBACK);
    assertThat(first.tools()).isEqualTo(SPEC.effectiveTools());
    assertThat(first.contextSeq()).as("the context is resolved next, by its own query").isEqualTo(5);
    assertThat(first.toolsRef()).isNull();
  }

  @Test
  void aRestartedWorkerResolvesTheSameHashFromTheAgent() {
    String hash = ModelTools.of(SPEC).hash();
    new ModelToolsCache().resolve(ModelRequest.byReference("a", 1, 1, 5, hash, 0), () -> SPEC);

    // A new process: a fresh cache, and a spec read back from the agent (a copy, maps in another order).
    AgentSpec readBack = new AgentSpec("a", "be brief", new ModelSpec("scripted", "primary", null, null, null, null,
        null, new java.util.LinkedHashMap<>(Map.of("a", 1, "b", 2)), List.of()), SPEC.tools(), null, null, null,
        List.of(FALLBACK), null, null, null, null, null, null);
    ModelRequest resolved = new ModelToolsCache().resolve(ModelRequest.byReference("a", 1, 2, 7, hash, 0), () -> readBack);

    assertThat(resolved.model().id()).isEqualTo("primary");
  }

  @Test
  void aSpecWithAnotherHashIsRefusedNotUsed() {
    AgentSpec other = new AgentSpec("a", "be brief", FALLBACK, List.of(), null, null, null, List.of(), null, null, null,
        null, null, null);
    ModelRequest request = ModelRequest.byReference("a", 1, 1, 5, ModelTools.of(SPEC).hash(), 0);

    assertThatThrownBy(() -> new ModelToolsCache().resolve(request, () -> other))
        .isInstanceOf(ApplicationFailure.class).hasMessageContaining("not the ones this call was made with");
  }

  @Test
  void aRequestWithItsModelInlineIsLeftAsItIs() {
    ModelRequest inline = new ModelRequest("a", 1, 1, PRIMARY, "", List.of(), List.of(), 3);

    assertThat(new ModelToolsCache().resolve(inline, () -> { throw new AssertionError("no read"); })).isSameAs(inline);
  }
}
