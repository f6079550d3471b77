package dev.steward.workflows.agent;

import java.util.List;

/**
 * A page of the transcript.
 *
 * @param entries the entries, oldest first
 * @param nextSeq the {@code fromSeq} of the next page, or 0 when this is the last page
 * @param total how many entries the transcript has in all
 */
public record TranscriptPage(List<TranscriptEntry> entries, long nextSeq, long total) {}
