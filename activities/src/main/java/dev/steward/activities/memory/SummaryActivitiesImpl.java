package dev.steward.activities.memory;

import dev.steward.activities.context.AgentContexts;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.memory.SummaryActivities;
import dev.steward.workflows.memory.SummaryRequest;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import java.util.List;

/**
 * Writes summaries with the summariser model named in the request. The {@code scripted} provider
 * writes a plain extract instead (the first words of each message), so the no-key demo and the
 * tests compact deterministically.
 */
public class SummaryActivitiesImpl implements SummaryActivities {

  /** Characters kept of each message in a scripted extract. */
  static final int EXTRACT_CHARS = 80;
  /** The most characters a scripted extract keeps (its newest lines). */
  static final int EXTRACT_MAX_CHARS = 2_000;

  private final ModelActivities models;

  public SummaryActivitiesImpl(ModelActivities models) {
    this.models = models;
  }

  @Override
  public Summary summarize(SummaryRequest request) {
    List<TranscriptEntry> entries = AgentContexts.transcript(request.fromSeq(), request.toSeq());
    return summarize(request, entries);
  }

  /** The summary of these entries; separate from the query so it can be tested alone. */
  Summary summarize(SummaryRequest request, List<TranscriptEntry> entries) {
    String conversation = TranscriptText.render(entries);
    if ("scripted".equalsIgnoreCase(request.model().provider())) {
      String text = TranscriptText.extract(request.previousSummary(), entries, EXTRACT_CHARS, EXTRACT_MAX_CHARS);
      return new Summary(text, new TokenUsage(estimate(conversation), estimate(text)));
    }
    String ask = (request.previousSummary().isBlank() ? "" : "Previous summary:\n" + request.previousSummary() + "\n\n")
        + "Conversation to fold in:\n" + conversation;
    ModelRequest call = new ModelRequest(request.agentId(), 0, 0, request.model(), request.prompt(),
        List.of(ChatMessage.user(ask)), List.of());
    ModelResponse response = models.complete(call);
    return new Summary(response.text(), response.usage());
  }

  private static long estimate(String text) {
    return Math.max(1, text.length() / 4);
  }
}
