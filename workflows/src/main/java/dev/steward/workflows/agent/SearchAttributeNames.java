package dev.steward.workflows.agent;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes Steward keeps on every agent. {@code steward dev} registers them on the
 * embedded server; on a real server, register them once with
 * {@code temporal operator search-attribute create} (types: see {@link #ALL}).
 */
public final class SearchAttributeNames {

  public static final SearchAttributeKey<String> AGENT_NAME = SearchAttributeKey.forKeyword("StewardAgentName");
  public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("StewardStatus");
  public static final SearchAttributeKey<String> TENANT = SearchAttributeKey.forKeyword("StewardTenant");

  /** US dollars the agent has spent (Double), so lists can sort by cost. */
  public static final SearchAttributeKey<Double> COST_USD = SearchAttributeKey.forDouble("StewardCostUsd");
  /** Tokens the agent has used (Int). */
  public static final SearchAttributeKey<Long> TOTAL_TOKENS = SearchAttributeKey.forLong("StewardTotalTokens");

  /** Every attribute, for registration. */
  public static final List<SearchAttributeKey<?>> ALL = List.of(AGENT_NAME, STATUS, TENANT, COST_USD, TOTAL_TOKENS);

  private SearchAttributeNames() {}
}
