/**
 * What the model sees and how it stays within budget: the model's context built from instructions,
 * memory, summary and transcript, and compaction (folding old turns into the summary through the
 * summariser activity). Sees the agent only through {@code CompactionContext}; may use journal.
 */
package dev.steward.workflows.agent.context;
