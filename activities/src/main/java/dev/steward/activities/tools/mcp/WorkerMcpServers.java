package dev.steward.activities.tools.mcp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.steward.workflows.spec.McpServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MCP servers configured on the worker rather than in agent files: a YAML (or JSON) file named by
 * {@code STEWARD_MCP_SERVERS}, with the agent file's syntax:
 *
 * <pre>{@code
 * mcp_servers:
 *   - {name: github, command: [npx, -y, "@modelcontextprotocol/server-github"], env: [GITHUB_TOKEN]}
 *   - {name: search, url: https://mcp.example.com/mcp, credential: SEARCH_TOKEN}
 * }</pre>
 *
 * Agents then list {@code github.create_issue} or {@code github.*} under {@code tools}.
 */
public final class WorkerMcpServers {

  /** The environment variable naming the file. */
  public static final String VARIABLE = "STEWARD_MCP_SERVERS";

  @JsonIgnoreProperties(ignoreUnknown = true)
  record File(@JsonProperty("mcp_servers") List<McpServerSpec> mcpServers) {}

  private WorkerMcpServers() {}

  /** The servers in the file {@value #VARIABLE} names; none when it is unset. */
  public static List<McpServerSpec> fromEnvironment() {
    String file = System.getenv(VARIABLE);
    return file == null || file.isBlank() ? List.of() : read(Path.of(file));
  }

  /** @throws IllegalStateException when the file cannot be read, so a worker fails at start, not later */
  public static List<McpServerSpec> read(Path file) {
    try {
      File parsed = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), File.class);
      return parsed.mcpServers() == null ? List.of() : List.copyOf(parsed.mcpServers());
    } catch (IOException e) {
      throw new IllegalStateException(VARIABLE + " names " + file + ", which cannot be read as MCP servers: " + e.getMessage(), e);
    }
  }
}
