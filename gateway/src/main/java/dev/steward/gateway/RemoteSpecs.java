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
import dev.steward.network.HostResolver;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.CostBudgets;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
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
 *   <li>Only the workers' credentials the operator lists ({@code --allow-credentials}), wherever a spec
 *       names one: the spec also says where it is sent ({@code base_url}, {@code url}), so a caller could
 *       otherwise have any of the workers' environment variables sent to its own server.
 *   <li>No cost budget ({@code limits.max_cost_usd}) on a model without a known price, which would count as $0.
 *   <li>No {@code allow_private: true} unless the operator allows it ({@code --allow-private-network}):
 *       it lets the workers call their own network (loopback, private, link-local: cloud metadata).
 *   <li>No URL the workers would connect to ({@code base_url} of the model, fallbacks and summariser,
 *       MCP servers' {@code url}, HTTP tools' {@code url}, OpenAPI {@code base_url} and servers) that
 *       the one {@link NetworkPolicy} refuses, host names resolved, unless {@code --allow-private-network}.
 *       A name the gateway cannot resolve passes: the workers vet every URL again when they connect.
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

  // As HeaderValues finds the worker's environment variables in header values.
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final String ALLOW_PRIVATE = "allow_private";

  private static final Pattern TEMPLATE = Pattern.compile("\\{[^}]*}");

  private final GatewaySettings settings;
  private final NetworkPolicy network;

  /**
   * @param settings what the operator allows: {@link GatewaySettings#allowStdioMcp()},
   *     {@link GatewaySettings#allowedCredentials()}, {@link GatewaySettings#allowPrivateNetwork()}
   */
  RemoteSpecs(GatewaySettings settings) {
    this(settings, HostResolver.SYSTEM);
  }

  /** @param resolver how the gateway resolves the host names of URLs in specs (a table in tests) */
  RemoteSpecs(GatewaySettings settings, HostResolver resolver) {
    this.settings = settings;
    this.network = new NetworkPolicy(false, resolver);
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
    // Sub-agents included: they share their parent's cost budget.
    for (CostBudgets.Unpriced unpriced : CostBudgets.unpriced(spec)) {
      problems.add(at + unpriced.path() + ": " + unpriced.message());
    }
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
    model(spec.model(), at + "model", problems);
    for (int i = 0; i < spec.fallbacks().size(); i++) {
      model(spec.fallbacks().get(i), at + "fallbacks[" + i + "]", problems);
    }
    model(spec.memory().summarizer(), at + "memory.summarizer", problems);
    for (int i = 0; i < spec.mcpServers().size(); i++) {
      McpServerSpec server = spec.mcpServers().get(i);
      String where = at + "mcp_servers[" + i + "]";
      if (server == null) {
        continue;
      }
      if (server.isStdio() && !settings.allowStdioMcp()) {
        problems.add(where + ".command: stdio MCP servers are not accepted over the gateway, as"
            + " they run commands on the workers; declare the server in the workers' STEWARD_MCP_SERVERS file, use"
            + " an MCP server's url, or start the gateway with --allow-stdio-mcp ("
            + GatewaySettings.ALLOW_STDIO_MCP_VARIABLE + "=true) if every caller may run commands there");
      }
      for (int j = 0; j < server.env().size(); j++) {
        credential(server.env().get(j), where + ".env[" + j + "]", "passed to the server's process", problems);
      }
      credential(server.credential(), where + ".credential", "sent to the server's url", problems);
      destination(server.url(), where + ".url", "or the workers' STEWARD_MCP_SERVERS file", problems);
      headers(server.headers(), where, "the server's url", problems);
    }
    for (int i = 0; i < spec.httpTools().size(); i++) {
      HttpToolSpec http = spec.httpTools().get(i);
      String where = at + "http_tools[" + i + "]";
      if (http == null) {
        continue;
      }
      credential(http.credential(), where + ".credential", "sent to the tool's url", problems);
      headers(http.headers(), where, "the tool's url", problems);
      if (!privateNetwork(http.allowPrivate(), where, problems)) {
        destination(http.url(), where + ".url", "", problems);
      }
    }
    for (int i = 0; i < spec.tools().size(); i++) {
      tool(spec.tools().get(i), at + "tools[" + i + "]", depth, problems);
    }
    for (int i = 0; i < spec.openapi().size(); i++) {
      openapi(spec.openapi().get(i), at + "openapi[" + i + "]", problems);
    }
  }

  private void model(ModelSpec model, String at, List<String> problems) {
    if (model != null) {
      credential(model.credential(), at + ".credential", "sent to the model's endpoint", problems);
      destination(model.baseUrl(), at + ".base_url", "", problems);
    }
  }

  /**
   * Refuses a credential name the operator has not listed. The spec says where the value goes, so
   * the name alone decides which of the workers' secrets a caller can have sent to its own server.
   *
   * @param goes where the value is sent, for the message, e.g. {@code sent to the model's base_url}
   */
  private void credential(String name, String at, String goes, List<String> problems) {
    // The providers trim the name before they look it up; blank names no credential.
    if (name == null || name.isBlank() || settings.credentialAllowed(name.strip())) {
      return;
    }
    problems.add(at + ": '" + name.strip() + "' names an environment variable of the workers, whose value would be "
        + goes + ", and " + allowedCredentials() + "; ask the gateway's operator to allow it (steward gateway"
        + " --allow-credentials " + name.strip() + ", or " + GatewaySettings.CREDENTIALS_VARIABLE + "=" + name.strip()
        + ") or to put the agent file in the gateway's agents folder (spec_name)");
  }

  /** What the message says the gateway allows. */
  private String allowedCredentials() {
    return settings.allowedCredentials().isEmpty()
        ? "this gateway lets callers name none"
        : "this gateway lets callers name only " + String.join(", ", settings.allowedCredentials());
  }

  /** Checks every {@code ${NAME}} in the header values, as the workers fill them in. */
  private void headers(Map<String, String> headers, String at, String goes, List<String> problems) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getValue() == null) {
        continue;
      }
      Matcher m = VARIABLE.matcher(header.getValue());
      while (m.find()) {
        credential(m.group(1), at + ".headers." + header.getKey(), "sent to " + goes, problems);
      }
    }
  }

  /**
   * Refuses a URL the workers would connect to when the network policy refuses it; {@code {name}}
   * placeholders of URL templates are read as a plain word.
   *
   * @param elsewhere another way to reach a private server, for the message (may be empty)
   */
  private void destination(String url, String at, String elsewhere, List<String> problems) {
    if (url == null || url.isBlank() || settings.allowPrivateNetwork()) {
      return;
    }
    Optional<String> refused = network.refusal(TEMPLATE.matcher(url).replaceAll("x"));
    if (refused.isEmpty()) {
      return;
    }
    problems.add(at + ": specs sent to the gateway may not reach " + refused.get() + ": only public addresses (not"
        + " the workers' own network, nor cloud metadata at 169.254.169.254); use a public address" + (elsewhere.isEmpty()
            ? "" : " " + elsewhere) + ", or ask the gateway's operator to put the agent file in its agents folder"
        + " (spec_name) or to start it with --allow-private-network ("
        + GatewaySettings.ALLOW_PRIVATE_NETWORK_VARIABLE + "=true)");
  }

  /**
   * Refuses {@code allow_private: true} (a boolean or the text the tool options also take).
   *
   * @return whether it was set, so the URL it would open needs no second complaint
   */
  private boolean privateNetwork(Object allowPrivate, String at, List<String> problems) {
    boolean on = Boolean.TRUE.equals(allowPrivate)
        || (allowPrivate instanceof String text && text.strip().equalsIgnoreCase("true"));
    if (!on || settings.allowPrivateNetwork()) {
      return on;
    }
    problems.add(at + "." + ALLOW_PRIVATE + ": specs sent to the gateway may not reach loopback, private or"
        + " link-local addresses (the workers' own network, cloud metadata at 169.254.169.254); call a public"
        + " address, ask the gateway's operator to put the agent file in its agents folder (spec_name), or to start"
        + " it with --allow-private-network (" + GatewaySettings.ALLOW_PRIVATE_NETWORK_VARIABLE + "=true) if every"
        + " caller may reach the workers' network");
    return true;
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
    // http_get reads it; whichever tool a future version lets read it, the rule is the same.
    privateNetwork(tool.options().get(ALLOW_PRIVATE), at, problems);
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

  private void openapi(OpenApiSpec api, String at, List<String> problems) {
    if (api == null) {
      problems.add(at + ": an import needs a name and a document");
      return;
    }
    credential(api.credential(), at + ".credential", "sent to the API's base_url", problems);
    headers(api.headers(), at, "the API's base_url", problems);
    boolean opened = privateNetwork(api.allowPrivate(), at, problems);
    if (!opened) {
      destination(api.baseUrl(), at + ".base_url", "", problems);
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
    if (!opened && (api.baseUrl() == null || api.baseUrl().isBlank())) {
      // Without base_url the workers call the document's first server.
      JsonNode servers = tree.path("servers");
      for (int i = 0; i < servers.size(); i++) {
        String url = servers.get(i).path("url").asText("");
        if (url.regionMatches(true, 0, "http", 0, 4)) {
          destination(url, at + ".document.servers[" + i + "].url", "", problems);
        }
      }
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
