package dev.steward.workflows.agent;

import io.temporal.common.SearchAttributeKey;

/**
 * The search attributes Steward keeps on every agent (all of type Keyword). {@code steward dev}
 * registers them on the embedded server; on a real server, register them once with
 * {@code temporal operator search-attribute create}.
 */
public final class SearchAttributeNames {

  public static final SearchAttributeKey<String> AGENT_NAME = SearchAttributeKey.forKeyword("StewardAgentName");
  public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("StewardStatus");
  public static final SearchAttributeKey<String> TENANT = SearchAttributeKey.forKeyword("StewardTenant");

  private SearchAttributeNames() {}
}
