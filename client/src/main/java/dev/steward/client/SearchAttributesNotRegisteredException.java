package dev.steward.client;

import dev.steward.workflows.agent.SearchAttributeNames;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;

/**
 * The Temporal server does not know Steward's search attributes, so it refused to start an agent.
 * {@code steward dev} registers them on its embedded server; other servers need them once.
 */
public class SearchAttributesNotRegisteredException extends StewardException {

  public SearchAttributesNotRegisteredException(String address, String namespace, String serverMessage, Throwable cause) {
    super("the Temporal server at " + address + " does not know Steward's search attributes (" + serverMessage + "). "
        + "`steward dev` registers them itself; on another server register them once with:"
        + commands(namespace), cause);
  }

  private static String commands(String namespace) {
    StringBuilder sb = new StringBuilder();
    for (SearchAttributeKey<?> key : SearchAttributeNames.ALL) {
      sb.append("\n  temporal operator search-attribute create --namespace ").append(namespace)
          .append(" --name ").append(key.getName()).append(" --type ").append(typeName(key.getValueType()));
    }
    return sb.toString();
  }

  /** The type names the temporal CLI takes. */
  static String typeName(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      default -> "Keyword";
    };
  }
}
