package dev.steward.client.spec;

import dev.steward.client.AgentSpecJson;
import dev.steward.workflows.spec.AgentSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one check of agent specs that do not come from a file: a resolved spec in JSON (the gateway's
 * {@code spec_json}, an export's {@code agent.spec}) or an {@link AgentSpec} built elsewhere. It
 * applies every rule of the agent-file reader ({@link AgentFiles}), sub-agents included, so a spec
 * is refused for the same reasons, with the same messages, whichever door it came in by.
 */
public final class AgentSpecs {

  /**
   * The most a resolved spec may hold: the agent file, its sub-agents' files and their OpenAPI
   * documents; a spec travels in every workflow input, whose budget is far smaller.
   */
  public static final int MAX_JSON_CHARS = 1024 * 1024;

  private AgentSpecs() {}

  /**
   * Reads and checks a resolved spec in JSON.
   *
   * @param sourceName how errors name the text, e.g. {@code spec_json}; errors carry its line
   * @throws AgentFileException naming the field of every problem
   */
  public static AgentSpec readJson(String json, String sourceName) {
    return read(Objects.requireNonNull(json, "json"), new ProblemLog(sourceName));
  }

  /**
   * Checks a spec that is already an object (an import's spec, a pending spec) as if it had come in
   * as JSON. Errors name the field (e.g. {@code model.provider}), not a line of text nobody wrote.
   *
   * @param sourceName how errors name the spec, e.g. {@code export_json}
   * @return the spec, as given
   * @throws AgentFileException naming the field of every problem
   */
  public static AgentSpec check(AgentSpec spec, String sourceName) {
    return check(spec, sourceName, "");
  }

  /**
   * As {@link #check(AgentSpec, String)}, for a spec inside something larger.
   *
   * @param at where the spec sits in its source, e.g. {@code agent.spec} in an export; fields are named below it
   */
  public static AgentSpec check(AgentSpec spec, String sourceName, String at) {
    ProblemLog log = new ProblemLog(sourceName, false);
    try {
      read(AgentSpecJson.write(Objects.requireNonNull(spec, "spec")), log);
    } catch (AgentFileException e) {
      if (at.isEmpty()) {
        throw e;
      }
      ProblemLog under = new ProblemLog(sourceName, false);
      ProblemLog found = new ProblemLog(sourceName, false);
      e.problems().forEach(p -> found.error(0, p.field(), p.message()));
      under.addNested(found, at);
      under.throwIfAny();
    }
    return spec;
  }

  private static AgentSpec read(String json, ProblemLog log) {
    if (json.length() > MAX_JSON_CHARS) {
      log.error(0, null, "is larger than " + MAX_JSON_CHARS / 1024 + " KB; keep big things out of agent specs");
      log.throwIfAny();
    }
    YamlNode root = YamlTreeReader.readJson(json, log);
    if (root != null) {
      AgentSpecReader.readResolved(withoutEmpties(root), log);
    }
    log.throwIfAny();
    // The records' own reading: what was checked above, with nothing dropped or reshaped.
    try {
      return AgentSpecJson.read(json);
    } catch (IllegalArgumentException e) {
      // A shape the check let through but the records cannot take: still one line, still named.
      log.error(0, null, e.getMessage().lines().findFirst().orElse("not an agent spec in JSON"));
      log.throwIfAny();
      throw e;
    }
  }

  /**
   * The records write absent lists and maps as {@code []} and {@code {}} (a step's {@code tool_calls},
   * an OpenAI model's {@code script}); a file leaves them out, and so does the tree the reader checks.
   */
  private static YamlNode withoutEmpties(YamlNode node) {
    if (node instanceof YamlNode.Mapping m) {
      Map<String, YamlNode> kept = new LinkedHashMap<>();
      m.fields().forEach((key, value) -> {
        YamlNode child = withoutEmpties(value);
        boolean empty = (child instanceof YamlNode.Mapping cm && cm.fields().isEmpty())
            || (child instanceof YamlNode.Sequence cs && cs.items().isEmpty());
        if (!empty) {
          kept.put(key, child);
        }
      });
      return new YamlNode.Mapping(m.line(), m.column(), kept);
    }
    if (node instanceof YamlNode.Sequence seq) {
      return new YamlNode.Sequence(seq.line(), seq.column(), seq.items().stream().map(AgentSpecs::withoutEmpties).toList());
    }
    return node;
  }
}
