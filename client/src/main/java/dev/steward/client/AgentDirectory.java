package dev.steward.client;

import com.google.protobuf.ByteString;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.SearchAttributeNames;
import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists agents. A full Temporal server answers a visibility query; the embedded test server does
 * not implement one (UNIMPLEMENTED), so there the open and closed executions are listed, each agent
 * described, and the filters applied here.
 */
final class AgentDirectory {

  private static final int PAGE_SIZE = 1000;

  private final WorkflowClient client;

  AgentDirectory(WorkflowClient client) {
    this.client = client;
  }

  List<AgentSummary> list(String name, AgentStatus status, int limit) {
    if (name != null && !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
      return List.of(); // No agent can have such a name; it must not reach the query unescaped either.
    }
    List<AgentSummary> all;
    try {
      all = fromVisibilityQuery(query(name, status), limit);
    } catch (RuntimeException e) {
      if (Failures.statusCode(e).orElse(null) != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      all = fromOpenAndClosedLists();
    }
    return newestFirst(all).stream()
        .filter(a -> name == null || name.equals(a.name()))
        .filter(a -> status == null || status == a.status())
        .limit(limit)
        .toList();
  }

  /** The visibility query for the filters; runs that continued as new are not agents of their own. */
  static String query(String name, AgentStatus status) {
    StringBuilder q = new StringBuilder("WorkflowType = '" + AgentWorkflow.TYPE + "'")
        .append(" AND ExecutionStatus != 'ContinuedAsNew'");
    if (name != null) {
      q.append(" AND ").append(SearchAttributeNames.AGENT_NAME.getName()).append(" = '").append(name).append('\'');
    }
    if (status == AgentStatus.STOPPED) {
      q.append(" AND ExecutionStatus != 'Running'");
    } else if (status != null) {
      q.append(" AND ExecutionStatus = 'Running' AND ")
          .append(SearchAttributeNames.STATUS.getName()).append(" = '").append(status.name()).append('\'');
    }
    return q.toString();
  }

  private List<AgentSummary> fromVisibilityQuery(String query, int limit) {
    try (Stream<WorkflowExecutionMetadata> executions = client.listExecutions(query)) {
      // Runs that share an id (an id reused after a stop) are merged later, so read a little more.
      return executions.limit(Math.max(limit, 1) * 2L).map(AgentDirectory::summary).toList();
    }
  }

  private List<AgentSummary> fromOpenAndClosedLists() {
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    String namespace = client.getOptions().getNamespace();
    WorkflowTypeFilter type = WorkflowTypeFilter.newBuilder().setName(AgentWorkflow.TYPE).build();
    pages(token -> {
      ListOpenWorkflowExecutionsResponse page = service.blockingStub().listOpenWorkflowExecutions(
          ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setTypeFilter(type)
              .setMaximumPageSize(PAGE_SIZE).setNextPageToken(token).build());
      infos.addAll(page.getExecutionsList());
      return page.getNextPageToken();
    });
    pages(token -> {
      ListClosedWorkflowExecutionsResponse page = service.blockingStub().listClosedWorkflowExecutions(
          ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setTypeFilter(type)
              .setMaximumPageSize(PAGE_SIZE).setNextPageToken(token).build());
      infos.addAll(page.getExecutionsList());
      return page.getNextPageToken();
    });
    List<AgentSummary> agents = new ArrayList<>();
    for (WorkflowExecutionInfo info : infos) {
      // The test server ignores the type filter, and its lists carry no search attributes.
      if (!AgentWorkflow.TYPE.equals(info.getType().getName())
          || info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
        continue;
      }
      describe(info).map(AgentDirectory::summary).ifPresent(agents::add);
    }
    return agents;
  }

  private Optional<WorkflowExecutionMetadata> describe(WorkflowExecutionInfo info) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(info.getExecution().getWorkflowId(),
          Optional.of(info.getExecution().getRunId()), Optional.empty()).describe());
    } catch (RuntimeException e) {
      // An execution that vanished between list and describe is simply not listed.
      return Optional.empty();
    }
  }

  private interface Page {
    ByteString fetch(ByteString token);
  }

  private static void pages(Page page) {
    ByteString token = ByteString.EMPTY;
    do {
      token = page.fetch(token);
    } while (!token.isEmpty());
  }

  static AgentSummary summary(WorkflowExecutionMetadata execution) {
    SearchAttributes attributes = execution.getTypedSearchAttributes();
    boolean closed = execution.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    String name = attributes.get(SearchAttributeNames.AGENT_NAME);
    String tenant = attributes.get(SearchAttributeNames.TENANT);
    if (name == null) {
      name = memo(execution, AgentClient.MEMO_NAME);
    }
    if (tenant == null) {
      tenant = memo(execution, AgentClient.MEMO_TENANT);
    }
    AgentStatus status = closed ? AgentStatus.STOPPED : parseStatus(attributes.get(SearchAttributeNames.STATUS));
    Double cost = attributes.get(SearchAttributeNames.COST_USD);
    Long tokens = attributes.get(SearchAttributeNames.TOTAL_TOKENS);
    return new AgentSummary(execution.getExecution().getWorkflowId(), name, status, tenant,
        execution.getStartTime(), closed, cost == null ? 0 : cost, tokens == null ? 0 : tokens);
  }

  private static String memo(WorkflowExecutionMetadata execution, String key) {
    try {
      return (String) execution.getMemo(key, String.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** An open agent whose status was never published (e.g. its first task has not run yet) is idle. */
  private static AgentStatus parseStatus(String value) {
    if (value == null) {
      return AgentStatus.IDLE;
    }
    try {
      return AgentStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      return AgentStatus.IDLE;
    }
  }

  /** One entry per agent id: the open run if there is one, else the latest; newest agents first. */
  private static List<AgentSummary> newestFirst(List<AgentSummary> all) {
    Comparator<AgentSummary> preferred = Comparator.comparing((AgentSummary a) -> !a.closed())
        .thenComparing(a -> a.startTime() == null ? Instant.MIN : a.startTime());
    Map<String, AgentSummary> byId = new LinkedHashMap<>();
    for (AgentSummary a : all) {
      byId.merge(a.agentId(), a, (x, y) -> preferred.compare(x, y) >= 0 ? x : y);
    }
    List<AgentSummary> agents = new ArrayList<>(byId.values());
    agents.sort(Comparator.comparing((AgentSummary a) -> a.startTime() == null ? Instant.MIN : a.startTime())
        .reversed());
    return agents;
  }
}
