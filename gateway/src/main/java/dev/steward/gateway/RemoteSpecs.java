package dev.steward.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.steward.client.AgentSpecJson;
import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for specs that callers send to the gateway ({@code spec_yaml}, {@code spec_json}, an
 * import's spec), as opposed to the operator's agent files in the agents folder, which are trusted:
 *
 * <ul>
 *   <li>The gateway reads no file for them: {@code openapi} imports in {@code spec_yaml} (whose
 *       {@code document} is a path) are refused before the YAML is read, and an {@code agent:<name>}
 *       tool must carry its sub-agent's spec. A resolved spec ({@code spec_json}) has the files' contents
 *       inside it.
 *   <li>No stdio MCP servers, anywhere in the spec or its sub-agents, unless the gateway's operator
 *       allows them: the workers would run their commands.
 *   <li>No tool options starting with {@code $}: those hold the declarations Steward attaches itself
 *       (an MCP server among them), never something a caller writes.
 *   <li>No OpenAPI document that {@code $ref}s something outside itself, which a worker would fetch
 *       from its own disk or network.
 * </ul>
 *
 * Every refusal is a {@link BadRequestException} naming the request field and the path in the spec.
 */
final class RemoteSpecs {

  /** How deep sub-agents may nest in a spec sent to the gateway. */
  static final int MAX_SUB_AGENT_DEPTH = 8;
  /** An embedded OpenAPI document travels with every tool call; the agent-file loader's limit. */
  static final int MAX_DOCUMENT_CHARS = 128 * 1024;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  // The same parser settings as the agent-file loader, so both see the same tokens.
  private static final YAMLFactory YAML =
      YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
  private static final ObjectMapper DOCUMENTS = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON_DOCUMENTS = new ObjectMapper();
  // As the workflow reads a sub-agent's spec from its tool's options.
  private static final ObjectMapper OPTIONS = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final boolean allowStdioMcp;

  /** @param allowStdioMcp whether stdio MCP servers are accepted (the gateway's {@code --allow-stdio-mcp}) */
  RemoteSpecs(boolean allowStdioMcp) {
    this.allowStdioMcp = allowStdioMcp;
  }

  /**
   * Reads and checks an agent file sent as {@code spec_yaml}.
   *
   * @throws BadRequestException when the spec breaks a rule above
   * @throws dev.steward.client.spec.AgentFileException when the text is not a valid agent file
   */
  AgentSpec fromYaml(String yaml) {
    refuseFileReferences(yaml);
    AgentSpec spec = AgentFiles.parse(yaml, "spec_yaml");
    check("spec_yaml", "", spec);
    return spec;
  }

  /**
   * Reads and checks a resolved spec sent as {@code spec_json}.
   *
   * @throws BadRequestException when it is not an agent spec or breaks a rule above
   */
  AgentSpec fromJson(String json) {
    AgentSpec spec;
    try {
      spec = AgentSpecJson.read(json);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("spec_json", e.getMessage());
    }
    check("spec_json", "", spec);
    return spec;
  }

  /**
   * Checks a spec that came from a caller.
   *
   * @param field the request field it came in, e.g. {@code export_json}
   * @param at where it sits in that field, e.g. {@code agent.spec.}; empty for the whole field
   * @throws BadRequestException naming every broken rule
   */
  void check(String field, String at, AgentSpec spec) {
    List<String> problems = new ArrayList<>();
    collect(spec, at, 0, problems);
    if (!problems.isEmpty()) {
      throw new BadRequestException(problems.stream().map(p -> new BadRequestException.Violation(field, p)).toList());
    }
  }

  private void collect(AgentSpec spec, String at, int depth, List<String> problems) {
    if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
      problems.add(at + "name: " + (spec.name() == null ? "required: " : "'" + spec.name() + "' must be ")
          + "lower-case letters, digits, - and _, at most 64");
    }
    if (spec.model() == null || spec.model().provider() == null || spec.model().provider().isBlank()) {
      problems.add(at + "model: required, with a provider");
    }
    for (int i = 0; i < spec.mcpServers().size(); i++) {
      McpServerSpec server = spec.mcpServers().get(i);
      if (server != null && server.isStdio() && !allowStdioMcp) {
        problems.add(at + "mcp_servers[" + i + "].command: stdio MCP servers are not accepted over the gateway, as"
            + " they run commands on the workers; declare the server in the workers' STEWARD_MCP_SERVERS file, use"
            + " an MCP server's url, or start the gateway with --allow-stdio-mcp ("
            + GatewaySettings.ALLOW_STDIO_MCP_VARIABLE + "=true) if every caller may run commands there");
      }
    }
    for (int i = 0; i < spec.tools().size(); i++) {
      tool(spec.tools().get(i), at + "tools[" + i + "]", depth, problems);
    }
    for (int i = 0; i < spec.openapi().size(); i++) {
      openapi(spec.openapi().get(i), at + "openapi[" + i + "]", problems);
    }
  }

  private void tool(ToolSpec tool, String at, int depth, List<String> problems) {
    if (tool == null || tool.name() == null) {
      problems.add(at + ": a tool needs a name");
      return;
    }
    for (String option : tool.options().keySet()) {
      if (option.startsWith("$")) {
        problems.add(at + "." + option + ": options starting with $ are reserved for what Steward attaches itself;"
            + " declare MCP servers, HTTP tools and OpenAPI imports in their own sections");
      }
    }
    if (!tool.name().startsWith(BuiltinTools.AGENT_PREFIX)) {
      return;
    }
    String name = tool.name().substring(BuiltinTools.AGENT_PREFIX.length());
    if (!(tool.options().get("spec") instanceof Map<?, ?> inline)) {
      problems.add(at + ": " + tool.name() + " has no sub-agent spec, and the gateway reads no agent files for a"
          + " spec sent to it; send the resolved spec as spec_json (`steward --gateway start FILE` does, reading "
          + name + ".yaml beside FILE), or put the agent files in the gateway's agents folder and use spec_name");
      return;
    }
    if (depth + 1 > MAX_SUB_AGENT_DEPTH) {
      problems.add(at + ".spec: sub-agents nest more than " + MAX_SUB_AGENT_DEPTH + " deep");
      return;
    }
    AgentSpec child;
    try {
      child = OPTIONS.convertValue(inline, AgentSpec.class);
    } catch (IllegalArgumentException e) {
      problems.add(at + ".spec: not an agent spec: " + e.getMessage().lines().findFirst().orElse(""));
      return;
    }
    collect(child, at + ".spec.", depth + 1, problems);
  }

  private static void openapi(OpenApiSpec api, String at, List<String> problems) {
    if (api == null) {
      problems.add(at + ": an import needs a name and a document");
      return;
    }
    String document = api.document();
    if (document == null || document.isBlank()) {
      problems.add(at + ".document: the OpenAPI document's text is missing; the gateway reads no files for a spec"
          + " sent to it (`steward --gateway start FILE` puts the document's text here)");
      return;
    }
    if (document.length() > MAX_DOCUMENT_CHARS) {
      problems.add(at + ".document: is larger than " + MAX_DOCUMENT_CHARS / 1024 + " KB; it travels with every call");
      return;
    }
    JsonNode tree;
    try {
      tree = document.stripLeading().startsWith("{") ? JSON_DOCUMENTS.readTree(document) : DOCUMENTS.readTree(document);
    } catch (IOException e) {
      problems.add(at + ".document: not a readable OpenAPI document (YAML or JSON)");
      return;
    }
    String outside = externalReference(tree);
    if (outside != null) {
      problems.add(at + ".document: $ref '" + outside + "' points outside the document, which a worker would read"
          + " from its own disk or network; put what it points to in the document"
          + " (refs like #/components/... are fine)");
    }
  }

  /** The first {@code $ref} that does not point inside the document, or null. */
  private static String externalReference(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && !(ref.isTextual() && ref.asText().startsWith("#"))) {
        return ref.asText();
      }
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      String found = externalReference(children.next());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Refuses {@code spec_yaml} that imports OpenAPI documents before the agent-file loader sees it: the
   * loader would read {@code openapi[].document} from the gateway's own disk. Walks the same tokens
   * the loader reads, so a top-level {@code openapi} the loader would act on is seen here first; YAML
   * this walk cannot read, the loader cannot read either (it reports the error).
   */
  private static void refuseFileReferences(String yaml) {
    try (JsonParser p = YAML.createParser(yaml)) {
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case FIELD_NAME -> {
            if (depth == 1 && "openapi".equals(p.currentName())) {
              JsonToken value = p.nextToken();
              boolean none = value == JsonToken.VALUE_NULL
                  || (value == JsonToken.START_ARRAY && p.nextToken() == JsonToken.END_ARRAY);
              if (!none) {
                String at = value == JsonToken.START_ARRAY ? "openapi[0].document" : "openapi";
                throw new BadRequestException("spec_yaml", at
                    + ": the gateway reads no files for a spec sent to it, so it cannot import OpenAPI documents"
                    + " from spec_yaml; send the resolved spec as spec_json (`steward --gateway start FILE` does,"
                    + " with the document's text inside), or put the agent file and its document in the gateway's"
                    + " agents folder and use spec_name");
              }
            }
          }
          default -> {
            // Values: nothing to see.
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadRequestException bad) {
        throw bad;
      }
      // Not YAML past this point: the loader stops at the same place and says why.
    }
  }
}
