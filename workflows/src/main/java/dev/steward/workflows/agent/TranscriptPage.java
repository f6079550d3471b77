package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A page of the transcript.
 *
 * @param entries the entries, oldest first
 * @param nextSeq the {@code fromSeq} of the next page, or 0 when this is the last page
 * @param total how many entries the transcript has in all
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptPage(List<TranscriptEntry> entries, long nextSeq, long total) {}
