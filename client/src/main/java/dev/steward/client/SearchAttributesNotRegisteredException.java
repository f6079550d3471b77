package dev.steward.client;

import dev.steward.workflows.agent.SearchAttributeNames;

/**
 * The Temporal server does not know Steward's search attributes, so it refused to start an agent.
 * {@code steward dev} registers them on its embedded server; other servers need them once.
 */
public class SearchAttributesNotRegisteredException extends StewardException {

  public SearchAttributesNotRegisteredException(String address, String namespace, String serverMessage, Throwable cause) {
    super("the Temporal server at " + address + " does not know Steward's search attributes (" + serverMessage + "). "
        + "`steward dev` registers them itself; on another server register them once with:"
        + command(namespace, SearchAttributeNames.AGENT_NAME.getName())
        + command(namespace, SearchAttributeNames.STATUS.getName())
        + command(namespace, SearchAttributeNames.TENANT.getName()), cause);
  }

  private static String command(String namespace, String name) {
    return "\n  temporal operator search-attribute create --namespace " + namespace + " --name " + name
        + " --type Keyword";
  }
}
