package dev.steward.workflows.memory;

import dev.steward.workflows.agent.EmptyUntilUsed;
import dev.steward.workflows.spec.MemorySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The agent's core memory blocks and the rules for changing them. Every change returns the new block. */
public final class Memory {

  // Shared empty for an agent without blocks (EmptyUntilUsed); every put goes through toWrite.
  private Map<String, MemoryBlock> blocks = Collections.emptyMap();
  /** What {@link #render()} returned, until the next change; null when not rendered since. */
  private String rendered;

  public Memory(List<MemoryBlock> carried) {
    for (MemoryBlock b : carried == null ? List.<MemoryBlock>of() : carried) {
      blocks = EmptyUntilUsed.toWrite(blocks);
      blocks.put(b.name(), b);
    }
  }

  /** Adds blocks a spec declares that the agent does not have yet; existing blocks keep their text. */
  public void adopt(MemorySpec spec) {
    for (MemorySpec.MemoryBlockSpec b : spec.blocks()) {
      blocks = EmptyUntilUsed.toWrite(blocks);
      rendered = null;
      blocks.putIfAbsent(b.name(), new MemoryBlock(b.name(), b.description(), b.limit(), b.text()));
    }
  }

  public List<MemoryBlock> blocks() {
    return new ArrayList<>(blocks.values());
  }

  public MemoryBlock read(String name) {
    return find(name);
  }

  public MemoryBlock append(String name, String text) {
    MemoryBlock b = find(name);
    String joined = b.text().isEmpty() ? text : b.text() + "\n" + text;
    return store(b.withText(joined));
  }

  public MemoryBlock replace(String name, String old, String replacement) {
    MemoryBlock b = find(name);
    if (old == null || old.isEmpty() || !b.text().contains(old)) {
      throw new IllegalArgumentException("block '" + name + "' does not contain the text to replace");
    }
    return store(b.withText(b.text().replace(old, replacement == null ? "" : replacement)));
  }

  /** A person's edit: sets the whole text, creating the block if needed. */
  public MemoryBlock set(String name, String text) {
    MemoryBlock b = blocks.get(name);
    if (b == null) {
      b = new MemoryBlock(name, "", MemorySpec.MemoryBlockSpec.DEFAULT_LIMIT, "");
    }
    return store(b.withText(text == null ? "" : text));
  }

  /** Puts back a block's text as it once was; limits were checked when it was first written. */
  public void restore(String name, String text) {
    MemoryBlock b = blocks.get(name);
    blocks = EmptyUntilUsed.toWrite(blocks);
    rendered = null;
    blocks.put(name, b == null ? new MemoryBlock(name, "", Math.max(MemorySpec.MemoryBlockSpec.DEFAULT_LIMIT, text.length()), text)
        : b.withText(text));
  }

  /** Replaces every block with these. */
  public void resetTo(List<MemoryBlock> restored) {
    Map<String, MemoryBlock> fresh = new LinkedHashMap<>();
    restored.forEach(b -> fresh.put(b.name(), b));
    blocks = EmptyUntilUsed.shrunk(fresh);
    rendered = null;
  }

  /** Throws with a readable reason when {@link #set} would fail. */
  public void validateSet(String name, String text) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a memory edit needs the block's name");
    }
    MemoryBlock b = blocks.get(name);
    int limit = b == null ? MemorySpec.MemoryBlockSpec.DEFAULT_LIMIT : b.limit();
    if (text != null && text.length() > limit) {
      throw new IllegalArgumentException("block '" + name + "' holds at most " + limit + " characters; the text has "
          + text.length());
    }
  }

  /**
   * The blocks as the model sees them, after the instructions: the same string instance until a
   * block changes, so callers may keep what they derived from it while it stays the same.
   */
  public String render() {
    if (rendered == null) {
      rendered = renderNow();
    }
    return rendered;
  }

  private String renderNow() {
    if (blocks.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\n\n# Memory\nThese blocks are your lasting memory. Edit them with the "
        + "memory_append and memory_replace tools; they stay with you across every conversation.\n");
    for (MemoryBlock b : blocks.values()) {
      sb.append("\n<memory name=\"").append(b.name()).append("\" used=\"").append(b.text().length()).append('/')
          .append(b.limit()).append("\"").append(b.description().isEmpty() ? "" : " about=\"" + b.description() + "\"")
          .append(">\n").append(b.text()).append("\n</memory>\n");
    }
    return sb.toString();
  }

  private MemoryBlock find(String name) {
    MemoryBlock b = blocks.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no memory block '" + name + "'; blocks: " + String.join(", ", blocks.keySet()));
    }
    return b;
  }

  private MemoryBlock store(MemoryBlock b) {
    if (b.text().length() > b.limit()) {
      throw new IllegalArgumentException("block '" + b.name() + "' holds at most " + b.limit() + " characters; "
          + "this change would make it " + b.text().length() + ". Shorten or replace something first.");
    }
    blocks = EmptyUntilUsed.toWrite(blocks);
    rendered = null;
    blocks.put(b.name(), b);
    return b;
  }
}
