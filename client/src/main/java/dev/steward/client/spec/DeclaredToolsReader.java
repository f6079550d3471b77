package dev.steward.client.spec;

import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the agent file's declared tools: {@code mcp_servers}, {@code http_tools} and
 * {@code openapi}. An OpenAPI document is read relative to the agent file and embedded, so the spec
 * carries it to any worker. Secrets stay names: header values name variables as {@code ${NAME}}.
 */
final class DeclaredToolsReader {

  /** An embedded OpenAPI document travels in every tool call's payload; keep it well under the 250 KB budget. */
  static final int MAX_DOCUMENT_BYTES = 128 * 1024;

  static final List<String> MCP = List.of("name", "command", "env", "url", "credential", "headers", "timeout_seconds");
  static final List<String> HTTP = List.of("name", "description", "method", "url", "headers", "credential",
      "parameters", "max_bytes", "timeout_seconds", "allow_private");
  static final List<String> OPENAPI = List.of("name", "document", "base_url", "operations", "tags", "headers",
      "credential", "max_bytes", "timeout_seconds", "allow_private");
  /** A resolved spec's imports also say which file their document came from. */
  private static final List<String> RESOLVED_OPENAPI = java.util.stream.Stream.concat(OPENAPI.stream(), Stream.of("source"))
      .toList();
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

  /**
   * An OpenAPI import as the loader checks tool names against it.
   *
   * @param at the import's place in the file, e.g. {@code openapi[0]}
   * @param source the document's file name as the agent file gives it
   * @param operations the document's operations
   * @param selected the ids its {@code operations} and {@code tags} select: the tools it has
   */
  record OpenApiImport(String at, String source, OpenApiOperations operations, Set<String> selected) {}

  /**
   * What was declared; the lists are null where a section is absent.
   *
   * @param openapiImports the imports whose document could be read, by name (the tools' prefix)
   */
  record Declared(List<McpServerSpec> mcpServers, List<HttpToolSpec> httpTools, List<OpenApiSpec> openapi,
      Map<String, OpenApiImport> openapiImports) {
    Set<String> httpToolNames() {
      Set<String> names = new HashSet<>();
      if (httpTools != null) {
        httpTools.forEach(t -> names.add(t.name()));
      }
      return names;
    }
  }

  private final Fields fields;
  private final ProblemLog log;
  private final Path baseDir;
  private final boolean resolved;
  private final Set<String> prefixes = new HashSet<>();
  private final Map<String, OpenApiImport> imports = new LinkedHashMap<>();

  private DeclaredToolsReader(Fields fields, ProblemLog log, Path baseDir, boolean resolved) {
    this.fields = fields;
    this.log = log;
    this.baseDir = baseDir;
    this.resolved = resolved;
  }

  /**
   * @param baseDir where relative {@code openapi[].document} paths start; null for the current directory
   * @param resolved true for a resolved spec, whose {@code openapi[].document} is the document's text
   *     and {@code openapi[].source} the file it came from
   */
  static Declared read(MappingReader agent, Fields fields, ProblemLog log, Path baseDir, boolean resolved) {
    DeclaredToolsReader reader = new DeclaredToolsReader(fields, log, baseDir, resolved);
    return new Declared(reader.mcp(agent.get("mcp_servers")), reader.http(agent.get("http_tools")),
        reader.openapi(agent.get("openapi")), Map.copyOf(reader.imports));
  }

  private List<McpServerSpec> mcp(YamlNode node) {
    List<YamlNode> items = node == null ? null
        : fields.list(node, "mcp_servers", " of servers, e.g. - {name: fs, command: [npx, -y, pkg, /data]}");
    if (items == null) {
      return null;
    }
    List<McpServerSpec> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = FieldPath.index("mcp_servers", i);
      MappingReader m = fields.mapping(items.get(i), at, MCP);
      if (m == null) {
        continue;
      }
      String name = prefix(m, at);
      List<String> command = texts(m, "command");
      String url = url(m, "url");
      if ((command == null || command.isEmpty()) == (m.get("url") == null)) {
        log.error(items.get(i), at, "a server has either a command (stdio) or a url (Streamable HTTP), exactly one");
      }
      List<String> env = texts(m, "env");
      if (env != null) {
        for (int j = 0; j < env.size(); j++) {
          if (!CredentialNames.isEnvironmentVariableName(env.get(j)) || CredentialNames.looksLikeSecret(env.get(j))) {
            log.error(m.get("env"), FieldPath.index(m.path("env"), j),
                "must name an environment variable of the worker (e.g. GITHUB_TOKEN), not hold a value");
          }
        }
      }
      out.add(new McpServerSpec(name, command, env, url, credential(m), headers(m), m.callSeconds("timeout_seconds")));
    }
    return out;
  }

  private List<HttpToolSpec> http(YamlNode node) {
    List<YamlNode> items = node == null ? null
        : fields.list(node, "http_tools", " of tools, e.g. - {name: create_ticket, method: POST, url: https://...}");
    if (items == null) {
      return null;
    }
    List<HttpToolSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = FieldPath.index("http_tools", i);
      MappingReader m = fields.mapping(items.get(i), at, HTTP);
      if (m == null) {
        continue;
      }
      YamlNode nameNode = m.required("name", "; e.g. name: create_ticket");
      String name = nameNode == null ? null : fields.text(nameNode, m.path("name"));
      if (name != null && (!Pattern.matches("[A-Za-z0-9_-]{1,64}", name) || BuiltinTools.NAMES.contains(name))) {
        log.error(nameNode, m.path("name"), "'" + name + "' must be letters, digits, '_' and '-' (at most 64) "
            + "and not a built-in tool's name");
      } else if (name != null && !names.add(name)) {
        log.error(nameNode, m.path("name"), "tool '" + name + "' is declared twice");
      }
      String method = m.text("method");
      if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
        log.error(m.get("method"), m.path("method"), "unknown method '" + method + "'; expected one of " + String.join(", ", METHODS));
      }
      m.required("url", "; e.g. url: https://api.example.com/tickets/{id}");
      String url = url(m, "url");
      YamlNode parametersNode = m.get("parameters");
      Map<String, Object> parameters = parametersNode == null ? null
          : fields.freeMapping(parametersNode, m.path("parameters"), " (a JSON Schema, e.g. {type: object, properties: {...}})");
      out.add(new HttpToolSpec(name, m.text("description"), method == null ? null : method.toUpperCase(Locale.ROOT), url,
          headers(m), credential(m), parameters, m.whole("max_bytes", 1, Integer.MAX_VALUE - 1),
          m.callSeconds("timeout_seconds"), bool(m, "allow_private")));
    }
    return out;
  }

  private List<OpenApiSpec> openapi(YamlNode node) {
    List<YamlNode> items = node == null ? null
        : fields.list(node, "openapi", " of imports, e.g. - {name: petstore, document: petstore.yaml, tags: [pet]}");
    if (items == null) {
      return null;
    }
    List<OpenApiSpec> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = FieldPath.index("openapi", i);
      MappingReader m = fields.mapping(items.get(i), at, resolved ? RESOLVED_OPENAPI : OPENAPI);
      if (m == null) {
        continue;
      }
      String name = prefix(m, at);
      YamlNode documentNode = m.required("document", resolved ? ": the OpenAPI 3 document's text (AgentFiles.load and `steward --gateway start FILE` put it here)"
          : "; the OpenAPI 3 file, relative to this agent file");
      String given = documentNode == null ? null : fields.text(documentNode, m.path("document"));
      String source;
      String document;
      if (resolved) {
        String file = m.text("source");
        source = file == null ? "the document of " + at : file;
        document = given == null ? null : embedded(given, documentNode, m.path("document"));
      } else {
        source = given;
        document = given == null ? null : document(given, documentNode, m.path("document"));
      }
      List<String> operations = texts(m, "operations");
      List<String> tags = texts(m, "tags");
      if (document != null) {
        checkSelection(m, at, name, source, document, documentNode, operations, tags);
      }
      out.add(new OpenApiSpec(name, resolved ? m.text("source") : source, document, url(m, "base_url"), operations, tags,
          headers(m), credential(m), m.whole("max_bytes", 1, Integer.MAX_VALUE - 1), m.callSeconds("timeout_seconds"),
          bool(m, "allow_private")));
    }
    return out;
  }

  /**
   * Reads the document's operations and checks that every operationId under {@code operations} and
   * every tag under {@code tags} is in it: a typo would otherwise import nothing and show only when
   * the agent calls the tool.
   */
  private void checkSelection(MappingReader m, String at, String name, String source, String document,
      YamlNode documentNode, List<String> operations, List<String> tags) {
    OpenApiOperations found;
    try {
      found = OpenApiOperations.read(document);
    } catch (OpenApiOperations.NotOpenApi e) {
      log.error(documentNode, m.path("document"), source + " " + e.getMessage());
      return;
    }
    if (found.operations().isEmpty() && found.complete()) {
      log.error(documentNode, m.path("document"), source + " has no operations under paths; there is nothing to import");
      return;
    }
    List<String> byId = operations == null ? List.of() : operations;
    List<String> byTag = tags == null ? List.of() : tags;
    if (found.complete()) {
      Set<String> ids = found.ids();
      for (int j = 0; j < byId.size(); j++) {
        String id = byId.get(j);
        if (!ids.contains(id)) {
          log.error(itemNode(m, "operations", j), FieldPath.index(m.path("operations"), j), source + " has no operation '"
              + id + "'" + Suggestions.didYouMean(id, ids) + " Its operations: " + OpenApiOperations.list(ids));
        }
      }
      Set<String> known = found.tags();
      for (int j = 0; j < byTag.size(); j++) {
        String tag = byTag.get(j);
        if (!known.contains(tag)) {
          log.error(itemNode(m, "tags", j), FieldPath.index(m.path("tags"), j), "no operation in " + source
              + " has the tag '" + tag + "'" + Suggestions.didYouMean(tag, known) + " Its tags: " + OpenApiOperations.list(known));
        }
      }
    }
    if (name != null) {
      imports.put(name, new OpenApiImport(at, source, found, found.selected(byId, byTag)));
    }
  }

  /** The {@code j}th item of the list under {@code key}, for its line. */
  private static YamlNode itemNode(MappingReader m, String key, int j) {
    YamlNode list = m.get(key);
    return list instanceof YamlNode.Sequence seq && j < seq.items().size() ? seq.items().get(j) : list;
  }

  /** A server's or import's name, the prefix of its tools' names; unique across both. */
  private String prefix(MappingReader m, String at) {
    YamlNode node = m.required("name", "; e.g. name: fs");
    String name = node == null ? null : fields.text(node, m.path("name"));
    if (name == null) {
      return null;
    }
    if (!PREFIX.matcher(name).matches()) {
      log.error(node, m.path("name"), "'" + name + "' must be letters, digits, '_' and '-' (at most 64); "
          + "its tools are named " + name + ".<tool>");
    } else if (!prefixes.add(name)) {
      log.error(node, m.path("name"), "'" + name + "' is already the name of another MCP server or OpenAPI import");
    }
    return name;
  }

  /** A resolved spec's document text, within the size a file's document may have. */
  private String embedded(String text, YamlNode node, String path) {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
      log.error(node, path, "is larger than " + MAX_DOCUMENT_BYTES / 1024 + " KB; it travels with every call");
      return null;
    }
    return text;
  }

  private String document(String source, YamlNode node, String path) {
    Path file = baseDir == null ? Path.of(source) : baseDir.resolve(source);
    try {
      if (Files.size(file) > MAX_DOCUMENT_BYTES) {
        log.error(node, path, file + " is larger than " + MAX_DOCUMENT_BYTES / 1024 + " KB; it travels with every call");
        return null;
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      log.error(node, path, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private List<String> texts(MappingReader m, String key) {
    YamlNode node = m.get(key);
    if (node == null) {
      return null;
    }
    List<YamlNode> items = fields.list(node, m.path(key), " of text");
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String value = fields.text(items.get(i), FieldPath.index(m.path(key), i));
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  private String url(MappingReader m, String key) {
    String url = m.text(key);
    if (url == null) {
      return null;
    }
    try {
      // Template braces are not legal in a URI; check the rest.
      URI uri = new URI(url.replaceAll("\\{[^}]*}", "x"));
      if (HttpUrls.isHttp(uri)) {
        return url;
      }
    } catch (Exception e) {
      // Reported below.
    }
    log.error(m.get(key), m.path(key), "'" + url + "' is not an http(s) URL");
    return null;
  }

  private String credential(MappingReader m) {
    String credential = m.text("credential");
    if (credential != null && (CredentialNames.looksLikeSecret(credential)
        || !CredentialNames.isEnvironmentVariableName(credential))) {
      log.error(m.get("credential"), m.path("credential"), "must name an environment variable of the worker "
          + "(e.g. API_TOKEN), never hold the secret; it is sent as Authorization: Bearer <value>");
      return null;
    }
    return credential;
  }

  /** Header values are text; a secret must be written as ${NAME}, never inline. */
  private Map<String, String> headers(MappingReader m) {
    YamlNode node = m.get("headers");
    if (node == null) {
      return null;
    }
    Map<String, Object> plain = fields.freeMapping(node, m.path("headers"), " of header names to values");
    if (plain == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    plain.forEach((k, v) -> {
      String value = String.valueOf(v);
      String literal = VARIABLE.matcher(value).replaceAll("");
      if (k.equalsIgnoreCase("authorization") && literal.equals(value)
          || CredentialNames.looksLikeSecret(literal.replaceFirst("^(?i)bearer\\s+", "").trim())) {
        log.error(node, FieldPath.child(m.path("headers"), k), "must not hold a secret; write ${NAME} and set NAME "
            + "where the worker runs (or use credential: NAME)");
      }
      out.put(k, value);
    });
    return out;
  }

  private Boolean bool(MappingReader m, String key) {
    YamlNode node = m.get(key);
    return node == null ? null : fields.bool(node, m.path(key));
  }
}
