package dev.steward.workflows.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the arguments a model wrote for a tool the workflow runs itself. No arguments read as {}. */
public final class ToolArguments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolArguments() {}

  public static JsonNode parse(String arguments) throws JsonProcessingException {
    return JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
  }
}
