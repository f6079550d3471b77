package dev.steward.workflows.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attaches the declaration behind an agent's tool (its MCP server, HTTP request or OpenAPI import)
 * to the tool's options, so the model and tool activities, which see only a {@link ToolSpec}, know
 * how to describe and run it. The keys start with {@code $}, which agent-file options never use.
 */
public final class DeclaredTools {

  /** Option holding the {@link McpServerSpec} of a {@code server.tool} or {@code server.*} tool. */
  public static final String MCP_SERVER = "$mcp_server";
  /** Option holding the {@link HttpToolSpec} of a declared HTTP tool. */
  public static final String HTTP_TOOL = "$http_tool";
  /** Option holding the {@link OpenApiSpec} of an imported {@code prefix.operationId} or {@code prefix.*} tool. */
  public static final String OPENAPI = "$openapi";

  /** The suffix that means every tool of a server or import: {@code fs.*}. */
  public static final String ALL = ".*";

  private DeclaredTools() {}

  /** {@code tool} with its declaration attached, or {@code tool} itself when it has none. */
  static ToolSpec attach(ToolSpec tool, List<McpServerSpec> servers, List<HttpToolSpec> http, List<OpenApiSpec> imports) {
    String name = tool.name();
    for (HttpToolSpec h : http) {
      if (h.name().equals(name)) {
        return with(tool, HTTP_TOOL, h);
      }
    }
    int dot = name.indexOf('.');
    if (dot <= 0) {
      return tool;
    }
    String prefix = name.substring(0, dot);
    for (McpServerSpec s : servers) {
      if (s.name().equals(prefix)) {
        return with(tool, MCP_SERVER, s);
      }
    }
    for (OpenApiSpec o : imports) {
      if (o.name().equals(prefix)) {
        return with(tool, OPENAPI, o);
      }
    }
    return tool;
  }

  /**
   * The longest one call of {@code tool} may take by its declaration (MCP server, HTTP tool or
   * OpenAPI import), in seconds; null when it has no declaration or the declaration sets none.
   */
  public static Integer timeoutSeconds(ToolSpec tool) {
    Map<String, Object> options = tool.options();
    if (options.get(MCP_SERVER) instanceof McpServerSpec s) {
      return s.timeoutSecondsOrDefault();
    }
    if (options.get(HTTP_TOOL) instanceof HttpToolSpec h) {
      return h.timeoutSeconds();
    }
    if (options.get(OPENAPI) instanceof OpenApiSpec o) {
      return o.timeoutSeconds();
    }
    return null;
  }

  /** Whether {@code wildcard} (e.g. {@code fs.*}) covers {@code name} (e.g. {@code fs.read_file}). */
  public static boolean covers(String wildcard, String name) {
    if (!wildcard.endsWith(ALL) || name == null) {
      return false;
    }
    String prefix = wildcard.substring(0, wildcard.length() - 1);
    return name.startsWith(prefix) && name.length() > prefix.length() && !name.endsWith(ALL);
  }

  private static ToolSpec with(ToolSpec tool, String key, Object declaration) {
    Map<String, Object> options = new HashMap<>(tool.options());
    options.put(key, declaration);
    return new ToolSpec(tool.name(), options);
  }
}
