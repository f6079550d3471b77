package dev.steward.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.steward.client.spec.AgentFileException;
import dev.steward.client.spec.AgentFiles;
import dev.steward.client.spec.AgentSpecs;
import dev.steward.client.spec.ModelProviders;
import dev.steward.network.CredentialHosts;
import dev.steward.network.HostResolver;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for specs that callers send to the gateway ({@code spec_yaml}, {@code spec_json}, an
 * import's spec), as opposed to the operator's agent files in the agents folder, which are trusted.
 * Every such spec first passes the agent-file reader's full check ({@link AgentFiles} for YAML,
 * {@link AgentSpecs} for JSON and imports: the same rules as a file on the command line). What this
 * class adds is only what a remote tenant may not do with the operator's workers:
 *
 * <ul>
 *   <li>The gateway reads no file for them: {@code openapi} imports in {@code spec_yaml} (whose
 *       {@code document} is a path) are refused before the YAML is read, and an {@code agent:<name>}
 *       tool must carry its sub-agent's spec. A resolved spec ({@code spec_json}) has the files' contents
 *       inside it.
 *   <li>No stdio MCP servers, anywhere in the spec or its sub-agents, unless the gateway's operator
 *       allows them: the workers would run their commands.
 *   <li>No OpenAPI document that {@code $ref}s something outside itself, which a worker would fetch
 *       from its own disk or network.
 *   <li>Only the workers' credentials the operator lists ({@code --allow-credentials}), wherever a spec
 *       names one, and each only with a URL on one of the hosts the operator bound it to
 *       ({@link CredentialHosts}; a model without {@code base_url} goes to its provider's endpoint).
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
  private final CredentialHosts credentialHosts;
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
    this.credentialHosts = settings.credentialHosts();
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
    tenantRules("spec_yaml", "", spec);
    return spec;
  }

  /**
   * Reads and checks a resolved spec sent as {@code spec_json}.
   *
   * @throws BadRequestException when it breaks a rule above
   * @throws dev.steward.client.spec.AgentFileException when it is not a valid agent spec
   */
  AgentSpec fromJson(String json) {
    AgentSpec spec;
    try {
      spec = AgentSpecs.readJson(json, "spec_json");
    } catch (AgentFileException e) {
      throw violations("spec_json", "", e);
    }
    tenantRules("spec_json", "", spec);
    return spec;
  }

  /** The full check's problems as the request's violations, each named by its path in the spec. */
  private static BadRequestException violations(String field, String at, AgentFileException e) {
    return new BadRequestException(e.problems().stream()
        .map(p -> new BadRequestException.Violation(field, at + (p.field() == null ? "" : p.field() + ": ") + p.message()))
        .toList());
  }

  /**
   * Checks a spec that came from a caller as an object (an import's): the agent-file reader's every
   * rule, then the rules above.
   *
   * @param field the request field it came in, e.g. {@code export_json}
   * @param at where it sits in that field, e.g. {@code agent.spec.}; empty for the whole field
   * @throws BadRequestException naming every broken rule
   */
  void check(String field, String at, AgentSpec spec) {
    try {
      AgentSpecs.check(spec, field);
    } catch (AgentFileException e) {
      throw violations(field, at, e);
    }
    tenantRules(field, at, spec);
  }

  private void tenantRules(String field, String at, AgentSpec spec) {
    List<String> problems = new ArrayList<>();
    collect(spec, at, problems);
    if (!problems.isEmpty()) {
      throw new BadRequestException(problems.stream().map(p -> new BadRequestException.Violation(field, p)).toList());
    }
  }

  private void collect(AgentSpec spec, String at, List<String> problems) {
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
        // A process sends what it holds wherever it likes: a credential bound to hosts cannot go there.
        String name = server.env().get(j) == null ? "" : server.env().get(j).strip();
        if (settings.credentialAllowed(name) && credentialHosts.hostsOf(name).isPresent()) {
          problems.add(where + ".env[" + j + "]: the credential " + name + " may be sent only to "
              + String.join(", ", credentialHosts.hostsOf(name).get()) + ", and a server's process could send it"
              + " anywhere; give the server a credential its operator bound to no hosts, or use the server's url");
        }
      }
      credential(server.credential(), where + ".credential", "sent to the server's url", problems);
      bound(server.credential(), where + ".credential", server.url(), where + ".url", problems);
      destination(server.url(), where + ".url", "or the workers' STEWARD_MCP_SERVERS file", problems);
      headers(server.headers(), where, "the server's url", server.url(), where + ".url", problems);
    }
    for (int i = 0; i < spec.httpTools().size(); i++) {
      HttpToolSpec http = spec.httpTools().get(i);
      String where = at + "http_tools[" + i + "]";
      if (http == null) {
        continue;
      }
      credential(http.credential(), where + ".credential", "sent to the tool's url", problems);
      bound(http.credential(), where + ".credential", http.url(), where + ".url", problems);
      headers(http.headers(), where, "the tool's url", http.url(), where + ".url", problems);
      if (!privateNetwork(http.allowPrivate(), where, problems)) {
        destination(http.url(), where + ".url", "", problems);
      }
    }
    for (int i = 0; i < spec.tools().size(); i++) {
      tool(spec.tools().get(i), at + "tools[" + i + "]", problems);
    }
    for (int i = 0; i < spec.openapi().size(); i++) {
      openapi(spec.openapi().get(i), at + "openapi[" + i + "]", problems);
    }
  }

  private void model(ModelSpec model, String at, List<String> problems) {
    if (model != null) {
      credential(model.credential(), at + ".credential", "sent to the model's endpoint", problems);
      boolean own = model.baseUrl() != null && !model.baseUrl().isBlank();
      // Without base_url the worker calls the provider's own endpoint.
      String endpoint = own ? model.baseUrl()
          : ModelProviders.find(model.provider()).map(ModelProviders.Provider::defaultBaseUrl).orElse(null);
      bound(model.credential(), at + ".credential", endpoint,
          own ? at + ".base_url" : "the " + model.provider() + " provider's endpoint", problems);
      destination(model.baseUrl(), at + ".base_url", "", problems);
    }
  }

  /**
   * Refuses a listed credential paired with a URL outside the hosts the operator bound it to. A name
   * the operator did not list is refused by {@link #credential} already.
   *
   * @param url where the value would be sent; null when the spec gives none
   * @param urlField the field naming that URL, for the message
   */
  private void bound(String name, String at, String url, String urlField, List<String> problems) {
    if (name == null || name.isBlank() || !settings.credentialAllowed(name.strip())) {
      return;
    }
    String host = hostOf(url);
    credentialHosts.refusal(name.strip(), host).ifPresent(why -> problems.add(at + ": " + why + " ("
        + (host == null ? "no fixed host in " : "the host of ") + urlField + "), so a spec may not pair them; use a"
        + " URL on one of its hosts, or ask the gateway's operator to bind the credential to this host too"
        + " (--allow-credentials " + name.strip() + "@" + (host == null ? "HOST" : host) + ")"));
  }

  /** The URL's host, or null when there is none or a template placeholder in it decides it (the model would choose). */
  private static String hostOf(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String written = url.strip();
    int scheme = written.indexOf("://");
    String rest = scheme < 0 ? written : written.substring(scheme + 3);
    int end = rest.indexOf('/');
    if ((end < 0 ? rest : rest.substring(0, end)).contains("{")) {
      return null;
    }
    try {
      return URI.create(TEMPLATE.matcher(written).replaceAll("x")).getHost();
    } catch (IllegalArgumentException e) {
      return null;
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
        + goes + ", and " + allowedCredentials() + "; ask the gateway's operator to allow it (--allow-credentials "
        + name.strip() + "@HOST, or " + GatewaySettings.CREDENTIALS_VARIABLE + "=" + name.strip()
        + "@HOST) or to put the agent file in the gateway's agents folder (spec_name)");
  }

  /** What the message says the gateway allows. */
  private String allowedCredentials() {
    return settings.allowedCredentials().isEmpty()
        ? "this gateway lets callers name none"
        : "this gateway lets callers name only " + String.join(", ", settings.allowedCredentials());
  }

  /** Checks every {@code ${NAME}} in the header values, as the workers fill them in, and where they go. */
  private void headers(Map<String, String> headers, String at, String goes, String url, String urlField,
      List<String> problems) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getValue() == null) {
        continue;
      }
      Matcher m = VARIABLE.matcher(header.getValue());
      while (m.find()) {
        credential(m.group(1), at + ".headers." + header.getKey(), "sent to " + goes, problems);
        bound(m.group(1), at + ".headers." + header.getKey(), url, urlField, problems);
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

  private void tool(ToolSpec tool, String at, List<String> problems) {
    // http_get reads it; whichever tool a future version lets read it, the rule is the same.
    privateNetwork(tool.options().get(ALLOW_PRIVATE), at, problems);
    if (!tool.name().startsWith(BuiltinTools.AGENT_PREFIX)) {
      return;
    }
    String name = tool.name().substring(BuiltinTools.AGENT_PREFIX.length());
    if (!(tool.options().get("spec") instanceof Map<?, ?> inline)) {
      // Only spec_yaml gets here: a resolved spec without it was refused by the full check.
      problems.add(at + ": " + tool.name() + " has no sub-agent spec, and the gateway reads no agent files for a"
          + " spec sent to it; send the resolved spec as spec_json (`steward --gateway start FILE` does, reading "
          + name + ".yaml beside FILE), or put the agent files in the gateway's agents folder and use spec_name");
      return;
    }
    // The full check read it as an agent already (at most AgentSpecReader's depth); here only the tenant's rules.
    collect(OPTIONS.convertValue(inline, AgentSpec.class), at + ".spec.", problems);
  }

  private void openapi(OpenApiSpec api, String at, List<String> problems) {
    if (api == null) {
      problems.add(at + ": an import needs a name and a document");
      return;
    }
    boolean opened = privateNetwork(api.allowPrivate(), at, problems);
    if (!opened) {
      destination(api.baseUrl(), at + ".base_url", "", problems);
    }
    // The full check made sure the document is there, readable and within its size.
    String document = api.document() == null ? "" : api.document();
    JsonNode tree;
    try {
      tree = document.stripLeading().startsWith("{") ? JSON_DOCUMENTS.readTree(document) : DOCUMENTS.readTree(document);
    } catch (IOException e) {
      problems.add(at + ".document: not a readable OpenAPI document (YAML or JSON)");
      return;
    }
    // Without base_url the workers call the document's first server.
    String target = api.baseUrl() != null && !api.baseUrl().isBlank() ? api.baseUrl()
        : tree.path("servers").path(0).path("url").asText(null);
    String targetField = api.baseUrl() != null && !api.baseUrl().isBlank() ? at + ".base_url" : at + ".document.servers[0].url";
    credential(api.credential(), at + ".credential", "sent to the API's base_url", problems);
    bound(api.credential(), at + ".credential", target, targetField, problems);
    headers(api.headers(), at, "the API's base_url", target, targetField, problems);
    if (!opened && (api.baseUrl() == null || api.baseUrl().isBlank())) {
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
