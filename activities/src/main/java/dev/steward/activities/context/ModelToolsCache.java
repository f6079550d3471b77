package dev.steward.activities.context;

import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelTools;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.util.LruMap;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A worker's models-and-tools by content hash ({@link ModelTools#hash}), so a model activity
 * whose input names them by hash finds them without asking the agent. On a miss (a new worker, a
 * restart, an evicted entry) it reads the spec from the calling agent's {@code snapshot} query and
 * checks that its hash is the one asked for: while the model call runs the agent waits for it, so
 * its spec cannot have changed in between.
 */
public final class ModelToolsCache {

  private static final ModelToolsCache SHARED = new ModelToolsCache();

  /**
   * The process's cache, which the model activity and the worker's observer share (a hash names its
   * content, so every worker in a process may use one cache).
   */
  public static ModelToolsCache shared() {
    return SHARED;
  }

  /** Entries kept; a spec is a few kilobytes and agents share specs, so this holds every one in use. */
  static final int CAPACITY = 1_000;

  private final Map<String, ModelTools> byHash = new LruMap<>(CAPACITY);

  /** The request with its model and tools filled in when they came by hash; else the request as it is. */
  public ModelRequest resolve(ModelRequest request) {
    return resolve(request, () -> AgentContexts.snapshot().spec());
  }

  /** As {@link #resolve(ModelRequest)}, reading the agent's spec through {@code agentSpec} on a miss. */
  public ModelRequest resolve(ModelRequest request, Supplier<AgentSpec> agentSpec) {
    if (request.toolsRef() == null) {
      return request;
    }
    ModelTools found = cached(request.toolsRef());
    if (found == null) {
      found = ModelTools.of(agentSpec.get());
      String hash = found.hash();
      if (!hash.equals(request.toolsRef())) {
        // Retried: cannot happen while the agent waits for this call, so a retry should see it settle.
        throw ApplicationFailure.newFailure("the agent's models and tools (hash " + hash
            + ") are not the ones this call was made with (hash " + request.toolsRef() + ")", "ModelToolsChanged");
      }
      remember(hash, found);
    }
    if (request.modelIndex() < 0 || request.modelIndex() >= found.models().size()) {
      throw ApplicationFailure.newNonRetryableFailure("modelIndex " + request.modelIndex() + " is not one of the agent's "
          + found.models().size() + " models", "ModelRequestRejected");
    }
    return request.withModelAndTools(found.models().get(request.modelIndex()), found.tools());
  }

  /** How many entries are cached; for tests. */
  public synchronized int size() {
    return byHash.size();
  }

  private synchronized ModelTools cached(String hash) {
    return byHash.get(hash);
  }

  private synchronized void remember(String hash, ModelTools tools) {
    byHash.put(hash, tools);
  }
}
