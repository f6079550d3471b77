package dev.steward.activities.tools.openapi;

import dev.steward.activities.tools.DeclarationOptions;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.ToolSource;
import dev.steward.activities.tools.httptool.HttpRequestRunner;
import dev.steward.workflows.spec.DeclaredTools;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Tools imported from OpenAPI documents ({@code openapi} in the agent file), named {@code prefix.operationId}. */
public final class OpenApiTools implements ToolSource {

  private final Function<String, String> env;
  private final HttpRequestRunner runner;
  private final OpenApiDocuments documents = new OpenApiDocuments();

  /** @param env reads the worker's environment variables (credentials) by name */
  public OpenApiTools(Function<String, String> env, HttpRequestRunner runner) {
    this.env = env;
    this.runner = runner;
  }

  @Override
  public boolean handles(ToolSpec tool) {
    return tool.options().containsKey(DeclaredTools.OPENAPI);
  }

  @Override
  public List<ToolDefinition> definitions(ToolSpec tool) throws ToolException {
    OpenApiSpec spec = spec(tool);
    List<ToolDefinition> out = new ArrayList<>();
    for (OpenApiOperation op : documents.operations(spec)) {
      if (tool.name().equals(op.toolName()) || DeclaredTools.covers(tool.name(), op.toolName())) {
        out.add(new OpenApiTool(spec, op, env, runner).definition());
      }
    }
    return out;
  }

  @Override
  public Tool tool(ToolSpec tool) throws ToolException {
    OpenApiSpec spec = spec(tool);
    List<OpenApiOperation> operations = documents.operations(spec);
    for (OpenApiOperation op : operations) {
      if (op.toolName().equals(tool.name())) {
        return new OpenApiTool(spec, op, env, runner);
      }
    }
    throw new ToolException("OpenAPI import " + spec.name() + " has no operation " + tool.name() + "; it has: "
        + String.join(", ", operations.stream().map(OpenApiOperation::toolName).toList()));
  }

  private static OpenApiSpec spec(ToolSpec tool) throws ToolException {
    return DeclarationOptions.read(tool, DeclaredTools.OPENAPI, OpenApiSpec.class);
  }
}
