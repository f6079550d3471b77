package dev.steward.workflows.memory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.spec.ModelSpec;

/**
 * Fold a stretch of the transcript into the running summary. The entries are not in the request:
 * the activity reads them from the agent (query {@code transcript}), so compaction adds little to
 * the workflow's history however long the stretch is.
 *
 * @param agentId the agent
 * @param previousSummary the summary so far, or empty
 * @param fromSeq the first transcript entry to fold
 * @param toSeq the last transcript entry to fold
 * @param model the model that writes the summary
 * @param prompt the instruction for the summariser
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SummaryRequest(String agentId, String previousSummary, long fromSeq, long toSeq, ModelSpec model,
    String prompt) {

  public static final String DEFAULT_PROMPT = "Summarise the conversation below for your own future reference. "
      + "Keep every fact, decision, open question, promise and name that may matter later; drop small talk. "
      + "Start from the previous summary, if any, and fold the new part into it. Write plain text, at most 300 words.";
}
