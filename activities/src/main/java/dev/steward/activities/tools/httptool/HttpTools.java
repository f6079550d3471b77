package dev.steward.activities.tools.httptool;

import dev.steward.activities.tools.DeclarationOptions;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.ToolSource;
import dev.steward.workflows.spec.DeclaredTools;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.List;
import java.util.function.Function;

/** The tools agent files declare under {@code http_tools}: one HTTP request each. */
public final class HttpTools implements ToolSource {

  private final Function<String, String> env;
  private final HttpRequestRunner runner;

  /** @param env reads the worker's environment variables (credentials) by name */
  public HttpTools(Function<String, String> env, HttpRequestRunner runner) {
    this.env = env;
    this.runner = runner;
  }

  @Override
  public boolean handles(ToolSpec tool) {
    return tool.options().containsKey(DeclaredTools.HTTP_TOOL);
  }

  @Override
  public List<ToolDefinition> definitions(ToolSpec tool) throws ToolException {
    return List.of(tool(tool).definition());
  }

  @Override
  public Tool tool(ToolSpec tool) throws ToolException {
    HttpToolSpec spec = DeclarationOptions.read(tool, DeclaredTools.HTTP_TOOL, HttpToolSpec.class);
    return new DeclaredHttpTool(spec, env, runner);
  }
}
