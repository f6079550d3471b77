package dev.steward.gateway.openai;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent specs a request's {@code model} may name (the operator's agents folder), and how a
 * request's {@code instructions} and {@code tools} shape the spec of a new agent.
 */
final class AgentSpecs {

  private final Function<String, Optional<AgentSpec>> catalog;

  AgentSpecs(Function<String, Optional<AgentSpec>> catalog) {
    this.catalog = catalog;
  }

  /** The spec {@code model} names; 400 when it names none (OpenAI answers an unknown model so too). */
  AgentSpec named(String model) {
    if (model == null || model.isBlank()) {
      throw OpenAiException.invalid("model", "required: the name of an agent spec registered on the gateway");
    }
    return catalog.apply(model.strip()).orElseThrow(() -> new OpenAiException(400, OpenAiException.INVALID_REQUEST,
        "model", "model_not_found", "The model '" + model.strip() + "' does not exist: name an agent spec registered"
        + " on the gateway (an agent file of its agents folder)."));
  }

  /** The spec for a new agent: the request's instructions (and system messages), only the tools it lists. */
  static AgentSpec forNewAgent(AgentSpec spec, ResponseRequest request) {
    String instructions = request.instructions() != null ? request.instructions() : spec.instructions();
    if (request.extraInstructions() != null) {
      instructions = instructions.isBlank() ? request.extraInstructions()
          : instructions + "\n\n" + request.extraInstructions();
    }
    List<ToolSpec> tools = spec.tools();
    if (request.tools() != null) {
      checkTools(spec, request.tools());
      Set<String> listed = new LinkedHashSet<>(request.tools());
      tools = spec.tools().stream().filter(t -> listed.contains(t.name())).toList();
    }
    return new AgentSpec(spec.name(), instructions, spec.model(), tools, spec.limits(), spec.approval(), spec.inbox(),
        spec.fallbacks(), spec.memory(), spec.mcpServers(), spec.httpTools(), spec.openapi(), spec.schedules(),
        spec.fallbackAfter());
  }

  /** 400 unless every listed tool is one the spec allows. */
  static void checkTools(AgentSpec spec, List<String> requested) {
    Set<String> allowed = new LinkedHashSet<>();
    spec.tools().forEach(t -> allowed.add(t.name()));
    spec.httpTools().forEach(t -> allowed.add(t.name()));
    for (McpServerSpec server : spec.mcpServers()) {
      allowed.add(server.name() + ".*");
    }
    for (int i = 0; i < requested.size(); i++) {
      if (!allowed.contains(requested.get(i))) {
        List<String> names = new ArrayList<>(allowed);
        throw OpenAiException.invalid("tools[" + i + "]", "the agent spec '" + spec.name() + "' does not allow '"
            + requested.get(i).replace(".*", "") + "'" + (names.isEmpty() ? "; it allows no tools"
            : "; it allows: " + String.join(", ", names).replace(".*", " (mcp)")));
      }
    }
  }
}
