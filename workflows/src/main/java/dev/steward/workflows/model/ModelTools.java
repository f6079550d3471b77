package dev.steward.workflows.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.util.LruMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The part of an agent's spec a model call needs besides its context: the models (the agent's, then
 * its fallbacks) and the tools it may call. The model activity's input names it by {@link #hash},
 * a content hash that is the same in every process, so a spec of a few kilobytes is not written
 * into the history at every step.
 *
 * @param models the agent's model, then its fallbacks in order
 * @param tools the tools the model may call ({@link AgentSpec#effectiveTools()})
 */
public record ModelTools(List<ModelSpec> models, List<ToolSpec> tools) {

  /** Sorted keys and properties: the same content gives the same bytes in every JVM. */
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .build();

  /** How many hashes {@link #hash} keeps; the least recently used goes first. */
  static final int HASHES_KEPT = 256;

  /**
   * Hashes already computed, by content. A pure function's memo: the answer is the same whether
   * computed or remembered, so workflow code may use it (replay cannot tell). Each new agent hashes
   * its spec in its first workflow task; without this, every one encodes the spec to JSON again.
   */
  private static final Map<ModelTools, String> HASHES = new LruMap<>(HASHES_KEPT);

  /**
   * The spec object last hashed by {@link #hashOf} and its hash: agents share their spec object
   * (SharedSpecs), so most new agents find theirs here without building and hashing the record.
   * A pure function's memo, like {@link #HASHES}.
   */
  private static volatile SpecHash lastSpec;

  private record SpecHash(AgentSpec spec, String hash) {}

  public ModelTools {
    models = Collections.unmodifiableList(new ArrayList<>(models));
    tools = Collections.unmodifiableList(new ArrayList<>(tools));
  }

  /** What a model call of an agent with this spec needs. */
  public static ModelTools of(AgentSpec spec) {
    List<ModelSpec> models = new ArrayList<>();
    models.add(spec.model());
    models.addAll(spec.fallbacks());
    return new ModelTools(models, spec.effectiveTools());
  }

  /** {@code of(spec).hash()}, interned; without building the record again for the spec object last asked. */
  public static String hashOf(AgentSpec spec) {
    SpecHash last = lastSpec;
    if (last != null && last.spec() == spec) {
      return last.hash();
    }
    String hash = of(spec).hash().intern();
    lastSpec = new SpecHash(spec, hash);
    return hash;
  }

  /**
   * SHA-256 of the canonical JSON, the first 16 bytes in hex; computed once per content in a
   * process (equal records give equal JSON: maps are written sorted by key).
   */
  public String hash() {
    synchronized (HASHES) {
      String known = HASHES.get(this);
      if (known != null) {
        return known;
      }
    }
    String computed = computeHash();
    synchronized (HASHES) {
      HASHES.put(this, computed);
    }
    return computed;
  }

  private String computeHash() {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(this);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the model and tools: " + e.getMessage(), e);
    }
  }
}
