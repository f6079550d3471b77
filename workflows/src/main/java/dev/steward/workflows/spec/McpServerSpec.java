package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An MCP server whose tools an agent may call as {@code <name>.<tool>} (or all of them with
 * {@code <name>.*}). Exactly one of {@code command} (stdio) and {@code url} (Streamable HTTP) is set.
 * Secrets are named, never written here: the worker reads them from its own environment.
 *
 * @param name the server's name, the prefix of its tools' names, e.g. {@code fs}
 * @param command stdio: the program and its arguments, e.g. {@code [npx, -y, pkg, /data]}; the worker
 *     starts it with a clean environment holding only {@code PATH}, {@code HOME} and the variables in {@code env}
 * @param env stdio: names of the worker's environment variables passed to the process
 * @param url Streamable HTTP: the server's endpoint, e.g. {@code https://mcp.example.com/mcp}
 * @param credential HTTP: name of the worker's environment variable sent as {@code Authorization: Bearer <value>}
 * @param headers HTTP: extra request headers; {@code ${NAME}} in a value is replaced by the worker's
 *     environment variable {@code NAME}
 * @param timeoutSeconds the most one tool call may take, in seconds; null for 60
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record McpServerSpec(
    String name,
    List<String> command,
    List<String> env,
    String url,
    String credential,
    Map<String, String> headers,
    @JsonProperty("timeout_seconds") Integer timeoutSeconds) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 60;

  public McpServerSpec {
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? List.of() : List.copyOf(env);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A stdio server. */
  public static McpServerSpec stdio(String name, List<String> command, List<String> env) {
    return new McpServerSpec(name, command, env, null, null, null, null);
  }

  /** A Streamable HTTP server. */
  public static McpServerSpec http(String name, String url, String credential, Map<String, String> headers) {
    return new McpServerSpec(name, null, null, url, credential, headers, null);
  }

  @JsonIgnore
  public boolean isStdio() {
    return !command.isEmpty();
  }

  public int timeoutSecondsOrDefault() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }
}
