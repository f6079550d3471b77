package dev.steward.gateway;

import dev.steward.client.AgentClient;
import dev.steward.client.AgentSummary;
import dev.steward.proto.v1.ListAgentsRequest;
import dev.steward.proto.v1.ListAgentsResponse;
import dev.steward.workflows.agent.AgentStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * {@code ListAgents}: the caller's agents, newest first, in pages. A page token holds the last
 * agent's (start time, id) and the filters, so paging stays correct while agents come and go
 * (keyset paging: an agent started after the first page appears on no later page, none repeats).
 */
final class AgentListing {

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 1000;
  /** The most agents read from Temporal per call, before the tenant filter. */
  static final int SCAN_LIMIT = 10_000;

  private static final Comparator<AgentSummary> NEWEST_FIRST = Comparator
      .comparing((AgentSummary a) -> a.startTime() == null ? Instant.EPOCH : a.startTime()).reversed()
      .thenComparing(AgentSummary::agentId);

  private final AgentClient client;

  AgentListing(AgentClient client) {
    this.client = client;
  }

  ListAgentsResponse list(ListAgentsRequest request, String tenant) {
    if (request.getPageSize() < 0) {
      throw new BadRequestException("page_size", "must not be negative");
    }
    int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
    String name = request.getDisplayName().isBlank() ? null : request.getDisplayName().strip();
    AgentStatus status = ProtoMapping.status(request.getStatus());
    String filters = Objects.toString(name, "") + "|" + (status == null ? "" : status.name());
    Cursor after = request.getPageToken().isEmpty() ? null : Cursor.parse(request.getPageToken(), filters);

    List<AgentSummary> mine = client.list(name, status, SCAN_LIMIT).stream()
        .filter(a -> tenant.equals(a.tenant()))
        .sorted(NEWEST_FIRST)
        .filter(a -> after == null || NEWEST_FIRST.compare(a, after.asSummary()) > 0)
        .limit(size + 1L)
        .toList();
    ListAgentsResponse.Builder response = ListAgentsResponse.newBuilder();
    mine.stream().limit(size).forEach(a -> response.addAgents(ProtoMapping.agent(a)));
    if (mine.size() > size) {
      AgentSummary last = mine.get(size - 1);
      response.setNextPageToken(new Cursor(filters, last.startTime() == null ? Instant.EPOCH : last.startTime(),
          last.agentId()).encode());
    }
    return response.build();
  }

  /** Where the previous page ended, and under which filters. */
  private record Cursor(String filters, Instant startTime, String agentId) {

    String encode() {
      return PageTokens.encode("l1:" + startTime.getEpochSecond() + ":" + startTime.getNano() + ":" + agentId
          + "\n" + filters);
    }

    static Cursor parse(String token, String filters) {
      String position = PageTokens.decode(token, "l1:");
      int newline = position.indexOf('\n');
      if (newline < 0 || !position.substring(newline + 1).equals(filters)) {
        throw PageTokens.invalid();
      }
      String[] parts = position.substring(0, newline).split(":", 3);
      try {
        return new Cursor(filters, Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
      } catch (RuntimeException e) {
        throw PageTokens.invalid();
      }
    }

    AgentSummary asSummary() {
      return new AgentSummary(agentId, null, null, null, startTime, false, 0, 0);
    }
  }
}
