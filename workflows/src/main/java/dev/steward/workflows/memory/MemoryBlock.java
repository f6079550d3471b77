package dev.steward.workflows.memory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A core memory block as it is now.
 *
 * @param name its name
 * @param description what belongs in it
 * @param limit the most characters it may hold
 * @param text what it holds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemoryBlock(String name, String description, int limit, String text) {

  public MemoryBlock withText(String newText) {
    return new MemoryBlock(name, description, limit, newText);
  }
}
