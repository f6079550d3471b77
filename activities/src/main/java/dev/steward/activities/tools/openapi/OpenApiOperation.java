package dev.steward.activities.tools.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One operation of an OpenAPI document, ready to be a tool.
 *
 * @param toolName {@code <prefix>.<operationId>}
 * @param description the operation's summary and description
 * @param method the HTTP method, upper case
 * @param baseUrl the API's base URL, without a trailing slash
 * @param path the path template, e.g. {@code /pet/{petId}}
 * @param parameters its path, query and header parameters
 * @param argumentsSchema the JSON Schema of the tool's arguments: one property per parameter, and
 *     {@code body} for a JSON request body
 */
record OpenApiOperation(String toolName, String description, String method, String baseUrl, String path,
    List<Parameter> parameters, JsonNode argumentsSchema) {

  /** The argument that carries the JSON request body. */
  static final String BODY = "body";

  /** @param in {@code path}, {@code query} or {@code header} */
  record Parameter(String name, String in) {}
}
