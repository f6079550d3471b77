package dev.steward.workflows.memory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A person's edit of a memory block.
 *
 * @param block the block's name; a new name creates a block with the default limit
 * @param text the block's whole new text
 * @param editedBy who edited it, for the transcript; may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemoryEdit(String block, String text, String editedBy) {}
