package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward transcript ID}: every message, tool call and result, oldest first. */
@Command(name = "transcript", description = "Print an agent's transcript (all of it unless --limit is given).")
final class TranscriptCommand extends AgentCommand {

  /** The most entries one query returns. */
  static final int PAGE_SIZE = 500;

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Option(names = "--from", paramLabel = "N", defaultValue = "1", description = "First entry number (default: ${DEFAULT-VALUE}).")
  long from;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N entries (default: all).")
  int limit;

  @Override
  int run(Agents client) {
    List<TranscriptEntry> entries = fetch(client, agentId, from, limit);
    if (json.enabled()) {
      print(entries, null);
    } else {
      entries.forEach(e -> out().println(Format.entry(e)));
      out().flush();
    }
    return 0;
  }

  /** Reads pages until the end or {@code limit} entries (0: no limit). */
  static List<TranscriptEntry> fetch(Agents client, String agentId, long from, int limit) {
    List<TranscriptEntry> entries = new ArrayList<>();
    long next = Math.max(1, from);
    while (next > 0 && (limit <= 0 || entries.size() < limit)) {
      int pageSize = limit <= 0 ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - entries.size());
      TranscriptPage page = client.transcript(agentId, next, pageSize);
      entries.addAll(page.entries());
      if (page.entries().isEmpty()) {
        break;
      }
      next = page.nextSeq();
    }
    return entries;
  }
}
