package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the agent remembers and how much context the model gets.
 *
 * @param blocks core memory: named text blocks always in the model's context, which the agent edits
 *     with the {@code memory_*} tools and people edit with {@code steward memory}
 * @param contextTokens the context budget in tokens (estimated at 4 characters a token); when the
 *     conversation would exceed it, older turns are summarised. Default {@value #DEFAULT_CONTEXT_TOKENS}
 * @param summarizer the model that writes summaries; null for the agent's own model
 * @param summaryPrompt the instruction given to the summariser; null for Steward's default
 * @param segmentEntries the most folded transcript entries one segment holds: entries folded into the
 *     summary move out of the agent's state into the blob store after the turn that folded them, in
 *     segments of at most this many (agents from before change id {@code folded-entries-written-at-once}
 *     wait for this many). Default {@value #DEFAULT_SEGMENT_ENTRIES}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemorySpec(
    List<MemoryBlockSpec> blocks,
    @JsonProperty("context_tokens") long contextTokens,
    ModelSpec summarizer,
    @JsonProperty("summary_prompt") String summaryPrompt,
    @JsonProperty("segment_entries") int segmentEntries) {

  public static final long DEFAULT_CONTEXT_TOKENS = 32_000;
  public static final int DEFAULT_SEGMENT_ENTRIES = 200;
  public static final MemorySpec DEFAULTS = new MemorySpec(List.of(), DEFAULT_CONTEXT_TOKENS, null, null);

  public MemorySpec {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
    contextTokens = contextTokens <= 0 ? DEFAULT_CONTEXT_TOKENS : contextTokens;
    segmentEntries = segmentEntries <= 0 ? DEFAULT_SEGMENT_ENTRIES : segmentEntries;
  }

  /** With the default segment size. */
  public MemorySpec(List<MemoryBlockSpec> blocks, long contextTokens, ModelSpec summarizer, String summaryPrompt) {
    this(blocks, contextTokens, summarizer, summaryPrompt, 0);
  }

  /**
   * A memory block as the agent file declares it.
   *
   * @param name the block's name, e.g. {@code human} or {@code project}
   * @param description what belongs in it, shown to the model
   * @param limit the most characters it may hold; default {@value #DEFAULT_LIMIT}
   * @param text what it holds at the start
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MemoryBlockSpec(String name, String description, int limit, String text) {
    public static final int DEFAULT_LIMIT = 2_000;

    public MemoryBlockSpec {
      limit = limit <= 0 ? DEFAULT_LIMIT : limit;
      text = text == null ? "" : text;
      description = description == null ? "" : description;
    }
  }
}
