package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's list of time-lock events stays small however many calls it serves: the
 * test server's own list keeps an event for nearly every call, for good, and scans it on each.
 */
class BoundedLockEventsTest {

  @Test
  void manyCallsLeaveTheListBoundedAndTheServerServing() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.startOnFreePort()) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      try {
        String last = null;
        for (int i = 0; i < 400; i++) {
          last = "bounded-" + i;
          stubs.blockingStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
              .setNamespace("default").setWorkflowId(last).setRequestId(UUID.randomUUID().toString())
              .setWorkflowType(WorkflowType.newBuilder().setName("Nobody"))
              .setTaskQueue(TaskQueue.newBuilder().setName("nobody-polls")).build());
          stubs.blockingStub().terminateWorkflowExecution(TerminateWorkflowExecutionRequest.newBuilder()
              .setNamespace("default").setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(last))
              .setReason("done").build());
        }
        Collection<?> events = lockEvents(server);
        assertThat(events).isInstanceOf(BoundedLockEvents.class);
        assertThat(events.size()).isLessThanOrEqualTo(BoundedLockEvents.KEPT);
        assertThat(stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(last)).build())
            .getWorkflowExecutionInfo().getStatus().name()).isEqualTo("WORKFLOW_EXECUTION_STATUS_TERMINATED");
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static Collection<?> lockEvents(EmbeddedTemporal server) throws ReflectiveOperationException {
    Object services = read(server, "services");
    return (Collection<?>) read(read(services, "selfAdvancingTimer"), "lockEvents");
  }

  private static Object read(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
