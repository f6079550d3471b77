package dev.steward.client;

import dev.steward.client.spec.AgentFiles;
import dev.steward.client.spec.AgentSpecs;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.workflows.memory.SegmentStore;
import dev.steward.workflows.memory.TranscriptReader;
import dev.steward.workflows.agent.AgentCheckpoint;
import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.agent.AgentResult;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TurnCancel;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.CostBudgets;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The thin Java client over Temporal: starts agents and talks to them through the {@code Agent}
 * workflow's signals, updates and queries. Thread-safe; one instance per process is plenty.
 *
 * <p>Every failure is a {@link StewardException}: {@link AgentNotFoundException} for an unknown or
 * stopped agent, {@link StewardUnavailableException} when no server answers, {@link RejectedException}
 * when the agent refuses a request, {@link StewardTimeoutException} when a wait runs out.
 */
public final class AgentClient implements Agents {

  /**
   * Memo key of the agent's name in agents started before the name lived only in the
   * {@code StewardAgentName} search attribute (and in agents other clients start with a memo); read
   * as a fallback, never written: every start sets the search attributes or fails.
   */
  public static final String MEMO_NAME = "name";
  /** Memo key of the agent's tenant in older agents; read after the {@code StewardTenant} search attribute. */
  public static final String MEMO_TENANT = "tenant";
  /** Memo key of the model label older agents were started with, e.g. {@code openai/gpt-4.1}; no longer written. */
  public static final String MEMO_MODEL = "model";
  /** Memo key: a fingerprint of the checkpoint a fork or an import started from. */
  public static final String MEMO_ORIGIN = "origin";

  /** The activity type of a model call, whose heartbeat details carry the partial reply. */
  static final String MODEL_ACTIVITY = "Model";

  /** The most agents {@link #list(String, AgentStatus)} returns. */
  public static final int DEFAULT_LIST_LIMIT = 1000;

  private final WorkflowClient client;
  private final String taskQueue;
  private final String address;
  private final WorkflowServiceStubs ownedStubs;
  private final Failures failures;
  private final AgentDirectory directory;
  /** New agents' start inputs, converted once per spec and tenant. */
  private final StartInputs startInputs;
  /** Whether the namespace has every Steward search attribute, for starts that leave some out. */
  private final RegisteredAttributes registered;
  /** Reads the transcript segments agents keep in the blob store; this process's store unless set. */
  private volatile TranscriptReader segments = new TranscriptReader(BlobSegmentStore.fromEnvironment(System.getenv()));
  /** How long an ask is offered again while the agent's workflow task is failing; see {@link #offerWhileTaskFails}. */
  static final Duration FAILING_TASK_PATIENCE = Duration.ofSeconds(30);
  /** Runs {@code ask}'s admission, which the SDK would otherwise retry without bound. */
  private final ExecutorService askAdmission = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "steward-ask");
    t.setDaemon(true);
    return t;
  });

  /**
   * A client over an existing Temporal client, for tests and for embedding Steward in an
   * application that already has one. {@link #close()} leaves that client's connection open.
   *
   * @param client the Temporal client; its namespace and data converter are used as they are
   * @param taskQueue the task queue Steward's workers poll, e.g. {@value ClientSettings#DEFAULT_TASK_QUEUE}
   */
  public AgentClient(WorkflowClient client, String taskQueue) {
    this(client, taskQueue, null);
  }

  private AgentClient(WorkflowClient client, String taskQueue, WorkflowServiceStubs ownedStubs) {
    this.client = Objects.requireNonNull(client, "client");
    this.taskQueue = taskQueue == null || taskQueue.isBlank() ? ClientSettings.DEFAULT_TASK_QUEUE : taskQueue;
    this.ownedStubs = ownedStubs;
    String target = client.getWorkflowServiceStubs().getOptions().getTarget();
    this.address = target == null ? "the configured address" : target;
    this.failures = new Failures(address, this.taskQueue);
    this.directory = new AgentDirectory(client);
    this.startInputs = new StartInputs(client.getOptions().getDataConverter());
    this.registered = new RegisteredAttributes(client.getWorkflowServiceStubs(), client.getOptions().getNamespace(), address);
  }

  /**
   * Connects to Temporal with the settings' connection (TLS and API key included). The connection
   * is made lazily: this returns at once even if no server answers; use
   * {@link #isServerReachable(Duration)} to find out.
   *
   * @throws IllegalArgumentException when a TLS certificate or key cannot be read
   */
  public static AgentClient connect(ClientSettings settings) {
    WorkflowServiceStubs stubs = settings.connection().newWorkflowServiceStubs();
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(settings.namespace())
            // The worker's converter too: large payloads are read from the shared blob store.
            .setDataConverter(StewardDataConverter.fromEnvironment())
            // A trace starts at the caller's ask or send when OpenTelemetry is configured (see Tracing).
            .setInterceptors(dev.steward.connection.telemetry.Tracing.clientInterceptors())
            .build());
    return new AgentClient(client, settings.taskQueue(), stubs);
  }

  /** The Temporal client underneath, for what this class does not offer. */
  public WorkflowClient workflowClient() {
    return client;
  }

  /** The task queue agents are started on. */
  public String taskQueue() {
    return taskQueue;
  }

  /**
   * Whether a Temporal server answers within {@code timeout}. Never throws.
   *
   * @param timeout how long to wait for the answer
   */
  public boolean isServerReachable(Duration timeout) {
    try {
      client.getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (RuntimeException e) {
      Status.Code code = Failures.statusCode(e).orElse(Status.Code.UNKNOWN);
      // Any other answer (unimplemented, permission denied...) still came from a server.
      return code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED && code != Status.Code.UNKNOWN;
    }
  }

  // ---- start

  /** Starts an agent for tenant {@value AgentInput#DEFAULT_TENANT}; see {@link #start(String, AgentSpec, String)}. */
  public String start(String agentId, AgentSpec spec) {
    return start(agentId, spec, AgentInput.DEFAULT_TENANT);
  }

  /**
   * Starts an agent, idempotently: if an agent with this id is already running with an equal spec,
   * its id is returned and nothing else happens.
   *
   * @param agentId the agent's id (its workflow id); null or blank for {@code agent-<name>-<8 hex>}
   * @param spec what the agent is, usually from {@code AgentFiles.load}
   * @param tenant who owns it; null or blank for {@value AgentInput#DEFAULT_TENANT}
   * @return the agent's id
   * @throws AgentAlreadyExistsException if an agent with this id is running with a different spec
   * @throws AgentIdUnavailableException if the id is another tenant's (running or stopped) or not an agent's
   * @throws SearchAttributesNotRegisteredException if the server does not know Steward's search attributes
   */
  public String start(String agentId, AgentSpec spec, String tenant) {
    Objects.requireNonNull(spec, "spec");
    if (spec.name() == null || spec.model() == null) {
      throw new IllegalArgumentException("an agent spec needs a name and a model");
    }
    requirePrices(spec);
    AgentInput input = new AgentInput(spec, tenant, 0, null);
    String id = AgentIds.orGenerate(agentId, spec.name());
    StartInputs.Prepared prepared = startInputs.of(input);
    WorkflowOptions options = startOptions(id, input, prepared);
    try {
      launch(id, options, prepared.argument(), input.tenant());
      return id;
    } catch (WorkflowExecutionAlreadyStarted e) {
      AgentSpec running = snapshot(id).spec();
      if (SpecEquality.same(running, spec)) {
        return id;
      }
      throw new AgentAlreadyExistsException(id);
    } catch (RuntimeException e) {
      if (isUnknownSearchAttribute(e)) {
        throw new SearchAttributesNotRegisteredException(address, client.getOptions().getNamespace(),
            Failures.statusDescription(e), e);
      }
      throw failures.translate(id, e);
    }
  }

  /**
   * Refuses a cost budget that could not be kept: a model without a known price would count as $0.
   *
   * @throws IllegalArgumentException naming each such model and how to give its price
   */
  private static void requirePrices(AgentSpec spec) {
    List<CostBudgets.Unpriced> unpriced = CostBudgets.unpriced(spec);
    if (!unpriced.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", unpriced.stream().map(u -> u.path() + ": " + u.message()).toList()));
    }
  }

  private WorkflowOptions startOptions(String id, AgentInput input, StartInputs.Prepared prepared) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(taskQueue)
        // FAIL, so a second start with the same id reaches us and is compared, not silently merged.
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        // A closed run's id is not free either: launch gives it back to its own tenant only.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(startAttributes(input))
        // No memo: name and tenant are search attributes (a start without them fails), and the SDK
        // keeps every cached agent's start event, memo included, in the worker's memory.
        .setStaticSummary(prepared.summary())
        .setStaticDetails(prepared.details())
        .build();
  }

  /**
   * Name, status and tenant; cost and tokens only when the agent starts with usage (a fork or an
   * import, so that lists agree with snapshots). A new agent gets them when its first turn ends: the
   * SDK keeps every cached agent's start attributes in memory (about 0.7 KB each), and lists read a
   * missing one as zero. The namespace must have them then: see {@link RegisteredAttributes}.
   */
  private SearchAttributes startAttributes(AgentInput input) {
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
        .set(SearchAttributeNames.AGENT_NAME, input.spec().name())
        .set(SearchAttributeNames.STATUS, AgentStatus.IDLE.name())
        .set(SearchAttributeNames.TENANT, input.tenant());
    Usage usage = input.carried() == null || input.carried().usage() == null ? Usage.ZERO : input.carried().usage();
    if (usage.equals(Usage.ZERO)) {
      registered.requireAll();
    } else {
      attributes.set(SearchAttributeNames.COST_USD, usage.costUsd())
          .set(SearchAttributeNames.TOTAL_TOKENS, usage.tokens().totalTokens());
    }
    return attributes.build();
  }

  /**
   * Starts the workflow, keeping each id its tenant's for as long as Temporal keeps a run of it.
   * The first attempt rejects any existing run, open or closed; the id is then given again only to
   * the tenant that holds its latest run. Every start goes through here, so another tenant can never
   * slip in between the check and the start: it would be rejected by the first attempt too.
   *
   * @param argument the workflow's input: an {@link AgentInput}, or one {@link StartInputs} converted
   * @throws WorkflowExecutionAlreadyStarted when the caller's own agent with this id is running
   * @throws AgentIdUnavailableException when the id is another tenant's, or not an agent's
   */
  private void launch(String id, WorkflowOptions options, Object argument, String tenant) {
    try {
      client.newUntypedWorkflowStub(AgentWorkflow.TYPE, options).start(argument);
      return;
    } catch (WorkflowExecutionAlreadyStarted e) {
      IdHolder holder = IdHolder.of(client, id).orElseThrow(() -> e);
      if (!holder.ownedBy(tenant)) {
        throw new AgentIdUnavailableException(id);
      }
      if (holder.running()) {
        throw e;
      }
    }
    // The caller's own stopped agent: it may start that id again, as a new incarnation.
    WorkflowOptions again = WorkflowOptions.newBuilder(options)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
    client.newUntypedWorkflowStub(AgentWorkflow.TYPE, again).start(argument);
  }

  private static boolean isUnknownSearchAttribute(RuntimeException e) {
    String description = Failures.statusDescription(e);
    if (Failures.statusCode(e).orElse(null) != Status.Code.INVALID_ARGUMENT || description == null) {
      return false;
    }
    String d = description.toLowerCase();
    return d.contains("search attribute") && (d.contains("not defined") || d.contains("no mapping"));
  }

  /**
   * Starts a new agent from a checkpoint of another (fork, import): its transcript, memory and
   * counters as they were. Not idempotent: an existing id is refused.
   *
   * @param agentId the new agent's id; null or blank for {@code agent-<name>-<8 hex>}
   * @throws AgentAlreadyExistsException if the caller's tenant has an agent running with this id
   * @throws AgentIdUnavailableException if the id is another tenant's (running or stopped) or not an agent's
   */
  public String startFrom(String agentId, AgentCheckpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    requirePrices(checkpoint.spec());
    AgentInput input = new AgentInput(checkpoint.spec(), checkpoint.tenant(), 0, checkpoint.state());
    String id = AgentIds.orGenerate(agentId, checkpoint.spec().name());
    String origin = CheckpointFingerprint.of(checkpoint);
    StartInputs.Prepared prepared = startInputs.of(input);
    WorkflowOptions options = WorkflowOptions.newBuilder(startOptions(id, input, prepared))
        .setMemo(Map.of(MEMO_ORIGIN, origin))
        .build();
    try {
      launch(id, options, prepared.argument(), input.tenant());
      return id;
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new AgentAlreadyExistsException(id, "agent '" + id + "' already exists; choose another id");
    } catch (AgentAlreadyExistsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failures.translate(id, e);
    }
  }

  /** The agent's state at the end of turn {@code atTurn}; 0 for everything as it is now. */
  public AgentCheckpoint checkpoint(String agentId, int atTurn) {
    AgentCheckpoint held = call(agentId, () -> stub(agentId).query("checkpoint", AgentCheckpoint.class, atTurn));
    // Older entries may be in segments in the blob store: read them so the checkpoint is whole.
    return readingSegments(() -> segments.resolve(held, atTurn));
  }

  /**
   * Reads transcript segments from this store instead of the one {@code STEWARD_BLOBS} names, e.g.
   * for tests or an application that configures its store in code. Returns this client.
   */
  public AgentClient readingSegmentsFrom(SegmentStore store) {
    this.segments = new TranscriptReader(Objects.requireNonNull(store, "store"));
    return this;
  }

  private static <T> T readingSegments(Supplier<T> read) {
    try {
      return read.get();
    } catch (SegmentStore.SegmentUnavailableException e) {
      throw new TranscriptUnavailableException(e.getMessage(), e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // A store that is misconfigured here, or a blob that is not a segment.
      throw new TranscriptUnavailableException("cannot read the agent's older transcript entries: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a new agent whose state is this one's right after turn {@code atTurn}; the original is
   * untouched. Usage counters of the fork start at zero.
   */
  @Override
  public String fork(String agentId, int atTurn, String newId) {
    return startFrom(newId, checkpoint(agentId, atTurn));
  }

  /**
   * Returns the agent to the end of turn {@code toTurn}. Later turns stay in the transcript, marked
   * abandoned; memory is as it was then.
   *
   * @throws RejectedException while a turn runs, or for a turn that does not exist
   */
  @Override
  public int rewind(String agentId, int toTurn) {
    return call(agentId, () -> stub(agentId).update("rewind", Integer.class, toTurn));
  }

  /**
   * Cancels one message's turn, not the agent: a running turn ends {@code INTERRUPTED} at the next
   * step boundary, a message still waiting leaves the inbox (its {@code ask} answered
   * {@code INTERRUPTED}); the agent takes its next message. Returns what the agent found.
   *
   * @param messageId the message's id (the one given to {@link #ask} or {@link #send})
   * @param cancelledBy who cancels, for the transcript's "cancelled by …"; null for "a client"
   * @throws RejectedException when the message id is blank
   */
  public TurnCancel.Result cancelTurn(String agentId, String messageId, String cancelledBy) {
    return call(agentId, () -> stub(agentId).update("cancelTurn", TurnCancel.Result.class,
        new TurnCancel(messageId, cancelledBy)));
  }

  /** The whole agent, for {@link AgentExport#write}: spec, memory, summary, transcript, usage. */
  @Override
  public AgentExport export(String agentId) {
    return new AgentExport(AgentExport.FORMAT, agentId, System.currentTimeMillis(), checkpoint(agentId, 0));
  }

  /**
   * Brings an exported agent back as a new live agent, under {@code agentId} or a new id. Importing
   * the same export under the same id again changes nothing and returns that id.
   */
  @Override
  public String importAgent(AgentExport export, String agentId) {
    // An export is a file people edit: its specs get the agent-file reader's every check.
    AgentSpecs.check(export.agent().spec(), "the export", "agent.spec");
    if (export.agent().state() != null && export.agent().state().pendingSpec() != null) {
      AgentSpecs.check(export.agent().state().pendingSpec(), "the export", "agent.state.pendingSpec");
    }
    if (export.agent().state() != null && export.agent().state().hasSegments()) {
      // An export carries its whole transcript; a reference would point into some store's blobs (perhaps
      // none, which would stop the blob janitor from deleting any segment while the agent lives).
      throw new IllegalArgumentException("the export: agent.state.segments: an export carries its whole"
          + " transcript in agent.state.transcript; segment references cannot be imported");
    }
    try {
      return startFrom(agentId, export.agent());
    } catch (AgentIdUnavailableException e) {
      throw e;
    } catch (AgentAlreadyExistsException e) {
      // The same export imported under this id before (a command run twice): nothing to do.
      String origin = client.newUntypedWorkflowStub(e.agentId()).describe().getMemo(MEMO_ORIGIN, String.class, String.class);
      if (CheckpointFingerprint.of(export.agent()).equals(origin)) {
        return e.agentId();
      }
      throw e;
    }
  }

  /**
   * Answers a question the agent asked a person with {@code ask_human}.
   *
   * @throws RejectedException when the question is unknown or already answered
   */
  @Override
  public PendingQuestion answer(String agentId, Answer answer) {
    Objects.requireNonNull(answer, "answer");
    return call(agentId, () -> stub(agentId).update("answer", PendingQuestion.class, answer));
  }

  /**
   * Pauses, resumes, triggers or deletes one of the agent's schedules.
   *
   * @throws RejectedException for an unknown schedule or action
   */
  @Override
  public ScheduleState schedule(String agentId, ScheduleAction action) {
    Objects.requireNonNull(action, "action");
    return call(agentId, () -> stub(agentId).update("schedule", ScheduleState.class, action));
  }

  /** Sets a memory block's whole text, as a person; creates the block if it is new. */
  @Override
  public MemoryBlock setMemory(String agentId, MemoryEdit edit) {
    Objects.requireNonNull(edit, "edit");
    return call(agentId, () -> stub(agentId).update("setMemory", MemoryBlock.class, edit));
  }

  /** Loads and checks the agent file, then starts it as {@link #start(String, AgentSpec)} does. */
  @Override
  public String start(String agentId, Path agentFile) {
    return start(agentId, AgentFiles.load(agentFile));
  }

  // ---- messages

  /**
   * Puts a message into the agent's inbox and returns at once. A message with the id of one the
   * agent has seen is ignored, so a retried send is harmless.
   */
  public void send(String agentId, UserMessage message) {
    requireText(message);
    perform(agentId, () -> stub(agentId).signal("send", message));
  }

  /**
   * Sends a message and waits for the outcome of the turn it starts.
   *
   * <p>One update call that waits for the turn's outcome, on the caller's thread, bounded by {@code
   * timeout}. When the time runs out the server is asked once more (for at most {@link
   * #ACCEPTANCE_CHECK}, within the timeout) whether the agent had taken the message.
   *
   * @param timeout how long to wait, in all; the turn goes on after a timeout
   * @throws StewardTimeoutException when time runs out; {@link StewardTimeoutException#accepted()}
   *     says whether the agent had taken the message (it then still answers it)
   * @throws RejectedException when the agent refuses the message (empty, duplicate id, stopping,
   *     turn limit reached)
   */
  public TurnOutcome ask(String agentId, UserMessage message, Duration timeout) {
    requireText(message);
    long deadline = System.nanoTime() + timeout.toNanos();
    UpdateOptions<TurnOutcome> options = askUntilAnswered(message);
    WorkflowStub stub = stub(agentId);
    Duration check = acceptanceCheck(timeout);
    WorkflowUpdateHandle<TurnOutcome> handle;
    try {
      handle = CallDeadline.within(timeout.minus(check),
          () -> offerWhileTaskFails(() -> stub.startUpdate(options, message), timeout));
    } catch (WorkflowUpdateTimeoutOrCancelledException e) {
      throw askTimedOut(agentId, UpdateAcceptance.accepted(client, agentId, options.getUpdateId(), check), timeout, e);
    } catch (StewardException e) {
      throw e;
    } catch (Exception e) {
      throw interruptedOr(agentId, e);
    }
    return outcome(agentId, handle, deadline, timeout);
  }

  /** The longest {@link #ask} spends, out of its timeout, asking whether a timed-out message was taken. */
  static final Duration ACCEPTANCE_CHECK = Duration.ofMillis(250);

  /** A fifth of short timeouts, so that the update call keeps most of the caller's time. */
  private static Duration acceptanceCheck(Duration timeout) {
    Duration fifth = timeout.dividedBy(5);
    return fifth.compareTo(ACCEPTANCE_CHECK) < 0 ? fifth : ACCEPTANCE_CHECK;
  }

  /** The ask's options: wait for the turn's outcome; an update id the client knows, to ask about it after a timeout. */
  private static UpdateOptions<TurnOutcome> askUntilAnswered(UserMessage message) {
    return UpdateOptions.newBuilder(TurnOutcome.class)
        .setUpdateName("ask")
        // The message id makes a retried ask the same update, answered once.
        .setUpdateId(message.id() == null || message.id().isBlank() ? "ask-" + UUID.randomUUID() : "ask-" + message.id())
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .build();
  }

  /**
   * The turn's outcome from an ask's update handle. Usually the update call brought it and this
   * returns at once; after a turn longer than the server's long poll, the SDK already polls for it
   * and this waits for that poll until the caller's deadline (the poll then ends with the turn).
   */
  private TurnOutcome outcome(String agentId, WorkflowUpdateHandle<TurnOutcome> handle, long deadline, Duration timeout) {
    long remaining = Math.max(1, deadline - System.nanoTime());
    try {
      return handle.getResultAsync().get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw askTimedOut(agentId, true, timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowUpdateTimeoutOrCancelledException) {
        throw askTimedOut(agentId, true, timeout, e.getCause());
      }
      throw e.getCause() instanceof RuntimeException r ? failures.translate(agentId, r)
          : new StewardException(String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StewardException("interrupted while waiting for agent '" + agentId + "'", e);
    }
  }

  private StewardTimeoutException askTimedOut(String agentId, boolean accepted, Duration timeout, Throwable cause) {
    if (accepted) {
      return new StewardTimeoutException("agent '" + agentId + "' accepted the message but did not finish the turn within "
          + human(timeout) + "; the turn goes on, and its reply will be in the transcript", true, cause);
    }
    return new StewardTimeoutException("agent '" + agentId + "' did not take the message within " + human(timeout)
        + "; is a Steward worker running on task queue '" + taskQueue + "'? The message may still be delivered"
        + " when one is", false, cause);
  }

  /** An interrupted caller (a gRPC call cancelled under it) is told so; any other failure is translated. */
  private StewardException interruptedOr(String agentId, Exception e) {
    if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
      Thread.currentThread().interrupt();
      return new StewardException("interrupted while sending to agent '" + agentId + "'", e);
    }
    return e instanceof RuntimeException r ? failures.translate(agentId, r) : new StewardException(String.valueOf(e), e);
  }

  /**
   * The id {@link #startAndAsk} gives an agent: {@code agentId} itself, or {@code
   * agent-<name>-<8 hex>} when it is null or blank. A caller learns it first, e.g. to watch the turn.
   */
  public static String agentIdFor(String agentId, AgentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return AgentIds.orGenerate(agentId, spec.name());
  }

  /**
   * Starts an agent and asks it its first message in one call: Temporal's update-with-start, so the
   * workflow begins with the message in its first workflow task and the reply comes one round trip
   * sooner than {@link #start(String, AgentSpec, String)} then {@link #ask}. When the id is already
   * taken (the caller's agent, running or stopped, or another tenant's) or the server does not offer
   * update-with-start, it does exactly that instead, with every check of {@code start}: an equal
   * running agent is asked, a different one or another tenant's id is refused.
   *
   * @param agentId the agent's id, as {@link #agentIdFor} gives it; required
   * @param tenant who owns it; null or blank for {@value AgentInput#DEFAULT_TENANT}
   * <p>A new agent is started and asked in one call that waits for the turn's outcome; when the time
   * runs out, the agent's history is read (for at most {@link #ACCEPTANCE_CHECK}, within the timeout)
   * to tell whether it had taken the message.
   *
   * @param timeout how long to wait for the reply, in all; the turn goes on after a timeout
   * @throws StewardTimeoutException when time runs out; {@link StewardTimeoutException#accepted()}
   *     says whether the agent had taken the message (it then still answers it)
   * @throws IllegalArgumentException when the spec or the message is refused; nothing is started then
   * @throws AgentAlreadyExistsException if an agent with this id is running with a different spec
   * @throws AgentIdUnavailableException if the id is another tenant's (running or stopped) or not an agent's
   */
  public TurnOutcome startAndAsk(String agentId, AgentSpec spec, String tenant, UserMessage message, Duration timeout) {
    requireStartable(agentId, spec);
    requireText(message);
    long deadline = System.nanoTime() + timeout.toNanos();
    String id = agentId.strip();
    AgentInput input = new AgentInput(spec, tenant, 0, null);
    Optional<TurnOutcome> outcome = askWithStart(id, input, message, deadline, timeout);
    if (outcome.isPresent()) {
      return outcome.get();
    }
    start(id, spec, tenant);
    long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    return ask(id, message, Duration.ofMillis(remaining));
  }

  /**
   * Starts a new agent with an {@code ask} already in its first workflow task (update-with-start)
   * and returns the update's handle once the agent has accepted it; for callers that send their own
   * form of the {@code ask} input (the gateway's Responses API). Empty when the id is taken or the
   * server lacks update-with-start: nothing was started or delivered, and the caller starts the agent
   * ({@link #start(String, AgentSpec, String)}, with its checks) and updates it as usual.
   *
   * @param agentId the new agent's id, as {@link #agentIdFor} gives it
   * @param tenant who owns it; null or blank for {@value AgentInput#DEFAULT_TENANT}
   * @param ask the update's options: name {@code ask}, wait for ACCEPTED
   * @param input the update's argument, a JSON shape the {@code ask} update takes
   * @param admission how long to wait for the agent to accept it
   * @throws IllegalArgumentException when the spec is refused; nothing is started then
   */
  public Optional<WorkflowUpdateHandle<TurnOutcome>> startWithAsk(String agentId, AgentSpec spec, String tenant,
      UpdateOptions<TurnOutcome> ask, Object input, Duration admission) {
    Objects.requireNonNull(ask, "ask");
    requireStartable(agentId, spec);
    return admitWithStart(agentId.strip(), new AgentInput(spec, tenant, 0, null), ask, input, admission);
  }

  /** What a start with a message needs before anything is sent: an id and a spec start would take. */
  private static void requireStartable(String agentId, AgentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (agentId == null || agentId.isBlank()) {
      throw new IllegalArgumentException("an agent id is required; see agentIdFor");
    }
    if (spec.name() == null || spec.model() == null) {
      throw new IllegalArgumentException("an agent spec needs a name and a model");
    }
    requirePrices(spec);
  }

  /**
   * Starts a new agent and asks it in one update-with-start call that waits for the turn's outcome,
   * on the caller's thread, bounded by the timeout as {@link #ask} is. After a timeout the agent's
   * history says whether this update was accepted: a poll for the update's stage does not find an
   * update that came with a start on every server. Empty when the id is taken or the server lacks
   * update-with-start: nothing was started or delivered.
   */
  private Optional<TurnOutcome> askWithStart(String id, AgentInput input, UserMessage message, long deadline,
      Duration timeout) {
    StartInputs.Prepared prepared = startInputs.of(input);
    WorkflowStub stub = client.newUntypedWorkflowStub(AgentWorkflow.TYPE, startOptions(id, input, prepared));
    UpdateOptions<TurnOutcome> options = askUntilAnswered(message);
    Duration check = acceptanceCheck(timeout);
    WorkflowUpdateHandle<TurnOutcome> handle;
    Duration callTime = timeout.minus(check);
    long callEnds = System.nanoTime() + callTime.toNanos();
    try {
      handle = CallDeadline.within(callTime, () -> offerWhileTaskFails(
          () -> stub.startUpdateWithStart(options, new Object[] {message}, new Object[] {prepared.argument()}), timeout));
    } catch (RuntimeException e) {
      // A call that fails once its deadline is past ended by it, whatever the server made of the
      // cancellation (the in-process test server may answer UNKNOWN "Application error processing RPC").
      if (CallDeadline.ranOut(e) || System.nanoTime() >= callEnds) {
        throw askTimedOut(id, UpdateAcceptance.acceptedInHistory(client, id, options.getUpdateId(), check), timeout, e);
      }
      if (isTaken(e) || isUnsupported(e)) {
        return Optional.empty();
      }
      if (isUnknownSearchAttribute(e)) {
        throw new SearchAttributesNotRegisteredException(address, client.getOptions().getNamespace(),
            Failures.statusDescription(e), e);
      }
      throw e instanceof StewardException se ? se : interruptedOr(id, e);
    } catch (Exception e) {
      throw interruptedOr(id, e);
    }
    return Optional.of(outcome(id, handle, deadline, timeout));
  }

  /**
   * Update-with-start on a fresh id only: the start refuses any existing run (conflict policy FAIL,
   * reuse REJECT_DUPLICATE), so an existing agent is never asked here without {@code start}'s checks.
   * Empty when the id is taken or the server lacks the operation: the caller then starts and asks.
   */
  private Optional<WorkflowUpdateHandle<TurnOutcome>> admitWithStart(
      String id, AgentInput input, UpdateOptions<TurnOutcome> options, Object message, Duration timeout) {
    StartInputs.Prepared prepared = startInputs.of(input);
    WorkflowStub stub = client.newUntypedWorkflowStub(AgentWorkflow.TYPE, startOptions(id, input, prepared));
    try {
      return Optional.of(admitUntranslated(id,
          () -> stub.startUpdateWithStart(options, new Object[] {message}, new Object[] {prepared.argument()}),
          timeout));
    } catch (RuntimeException e) {
      if (isTaken(e) || isUnsupported(e)) {
        return Optional.empty();
      }
      if (isUnknownSearchAttribute(e)) {
        throw new SearchAttributesNotRegisteredException(address, client.getOptions().getNamespace(),
            Failures.statusDescription(e), e);
      }
      throw e instanceof StewardException ? e : failures.translate(id, e);
    }
  }

  /** The start part was refused because a run with this id exists (or existed). */
  private static boolean isTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowExecutionAlreadyStarted) {
        return true;
      }
    }
    return Failures.statusCode(e).orElse(null) == Status.Code.ALREADY_EXISTS;
  }

  /** A server too old for update-with-start (ExecuteMultiOperation) answers UNIMPLEMENTED. */
  private static boolean isUnsupported(Throwable e) {
    return Failures.statusCode(e).orElse(null) == Status.Code.UNIMPLEMENTED;
  }

  /**
   * Waits until the agent accepts the update. The SDK retries admission for as long as no worker
   * takes it, so the wait runs on another thread, bounded by the caller's timeout.
   */
  private WorkflowUpdateHandle<TurnOutcome> admit(String agentId, Callable<WorkflowUpdateHandle<TurnOutcome>> request,
      Duration timeout) {
    try {
      return admitUntranslated(agentId, request, timeout);
    } catch (StewardException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failures.translate(agentId, e);
    }
  }

  /** Like {@link #admit}, but the SDK's own exception comes out as it is, for callers that look into it. */
  private WorkflowUpdateHandle<TurnOutcome> admitUntranslated(String agentId,
      Callable<WorkflowUpdateHandle<TurnOutcome>> request, Duration timeout) {
    Future<WorkflowUpdateHandle<TurnOutcome>> admission = askAdmission.submit(() -> offerWhileTaskFails(request, timeout));
    try {
      return admission.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      admission.cancel(true);
      throw askTimedOut(agentId, false, timeout, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new StewardException(String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      admission.cancel(true);
      Thread.currentThread().interrupt();
      throw new StewardException("interrupted while sending to agent '" + agentId + "'", e);
    }
  }

  /**
   * Offers the message again while the server refuses it because the agent's workflow task is failing
   * (it recovers once a worker completes the task, usually within the task timeout of 10 s), for up to
   * {@link #FAILING_TASK_PATIENCE}; a task that keeps failing (a bug) then surfaces with the server's reason.
   */
  static <T> T offerWhileTaskFails(Callable<T> request, Duration timeout) throws Exception {
    long until = System.nanoTime() + Math.min(timeout.toNanos(), FAILING_TASK_PATIENCE.toNanos());
    long pauseMillis = 100;
    while (true) {
      try {
        return request.call();
      } catch (RuntimeException e) {
        if (!Failures.workflowTaskFailing(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > until) {
          throw e;
        }
        Thread.sleep(pauseMillis);
        pauseMillis = Math.min(pauseMillis * 2, 2_000);
      }
    }
  }

  // ---- approvals, spec, stop

  /**
   * Approves or denies a pending tool call.
   *
   * @return the call with its decision
   * @throws RejectedException when the call is unknown or already decided
   */
  public PendingApproval decide(String agentId, Decision decision) {
    Objects.requireNonNull(decision, "decision");
    return call(agentId, () -> stub(agentId).update("decide", PendingApproval.class, decision));
  }

  /** Replaces the agent's spec from its next turn on. */
  public void updateSpec(String agentId, AgentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    requirePrices(spec);
    perform(agentId, () -> stub(agentId).signal("updateSpec", spec));
  }

  /** Loads and checks the agent file, then replaces the spec as {@link #updateSpec(String, AgentSpec)} does. */
  @Override
  public void updateSpec(String agentId, Path agentFile) {
    updateSpec(agentId, AgentFiles.load(agentFile));
  }

  /**
   * Asks the agent to stop after the step that is running; pending approvals are denied. Returns at
   * once; {@link #awaitResult} waits for the end.
   *
   * @param reason why, kept in the agent's result; null for "stopped"
   */
  public void stop(String agentId, String reason) {
    perform(agentId, () -> stub(agentId).signal("stop", reason));
  }

  /**
   * Waits for the agent to end.
   *
   * @param timeout how long to wait
   * @throws StewardTimeoutException when the agent is still running after {@code timeout}
   */
  public AgentResult awaitResult(String agentId, Duration timeout) {
    try {
      return stub(agentId).getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, AgentResult.class);
    } catch (TimeoutException e) {
      throw new StewardTimeoutException("agent '" + agentId + "' is still running after " + human(timeout), false, e);
    } catch (WorkflowFailedException e) {
      throw new StewardException("agent '" + agentId + "' did not end normally: " + Failures.reason(e.getCause()), e);
    } catch (RuntimeException e) {
      throw failures.translate(agentId, e);
    }
  }

  // ---- queries

  /** What the agent is and does right now. */
  public AgentSnapshot snapshot(String agentId) {
    return call(agentId, () -> stub(agentId).query("snapshot", AgentSnapshot.class));
  }

  /**
   * A page of the transcript.
   *
   * @param fromSeq the first entry's sequence number (entries count from 1)
   * @param limit the most entries to return, at most 500
   */
  public TranscriptPage transcript(String agentId, long fromSeq, int limit) {
    TranscriptPage held = call(agentId, () -> stub(agentId).query("transcript", TranscriptPage.class, fromSeq, limit));
    return readingSegments(() -> segments.resolve(held, fromSeq, Math.min(limit <= 0 ? 100 : limit, 500)));
  }

  /**
   * Events with sequence numbers greater than {@code afterSeq}, oldest first, at most 500; 0 for all
   * kept. Older events may be in segments in the blob store: they are read from there, so a watcher
   * that fell behind still gets every event in order.
   */
  public EventPage events(String agentId, long afterSeq) {
    EventPage held = call(agentId, () -> stub(agentId).query("events", EventPage.class, afterSeq));
    return readingSegments(() -> segments.resolve(held, afterSeq, 500));
  }

  /**
   * Agents, newest first, at most {@value #DEFAULT_LIST_LIMIT}.
   *
   * @param nameFilter only agents with this name; null for all
   * @param statusFilter only agents in this status ({@link AgentStatus#STOPPED} for ended ones); null for all
   */
  public List<AgentSummary> list(String nameFilter, AgentStatus statusFilter) {
    return list(nameFilter, statusFilter, DEFAULT_LIST_LIMIT);
  }

  /** Like {@link #list(String, AgentStatus)}, returning at most {@code limit} agents. */
  public List<AgentSummary> list(String nameFilter, AgentStatus statusFilter, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    try {
      return directory.list(nameFilter == null || nameFilter.isBlank() ? null : nameFilter, statusFilter, limit);
    } catch (RuntimeException e) {
      throw failures.translate("*", e);
    }
  }

  /**
   * The text the agent's running model call has produced so far, or empty when no model call is
   * running (or it has produced nothing yet). Read from the pending {@code Model} activity's
   * heartbeat details, which Temporal keeps outside the workflow history; how fresh it is depends
   * on the worker's heartbeat throttle (about 1 s with Steward's worker settings). For display only:
   * the finished reply arrives through {@link #events} as usual.
   */
  @Override
  public Optional<String> partialReply(String agentId) {
    DescribeWorkflowExecutionResponse described;
    try {
      described = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(agentId))
              .build());
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new AgentNotFoundException(agentId, e);
      }
      throw e;
    }
    for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
      if (MODEL_ACTIVITY.equals(activity.getActivityType().getName()) && activity.hasHeartbeatDetails()
          && activity.getHeartbeatDetails().getPayloadsCount() > 0) {
        String text = client.getOptions().getDataConverter()
            .fromPayload(activity.getHeartbeatDetails().getPayloads(0), String.class, String.class);
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
      }
    }
    return Optional.empty();
  }

  /** Closes the connection this client opened in {@link #connect}; a client passed in stays open. */
  @Override
  public void close() {
    askAdmission.shutdownNow();
    if (ownedStubs != null) {
      ownedStubs.shutdown();
      ownedStubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  // ---- helpers

  private WorkflowStub stub(String agentId) {
    if (agentId == null || agentId.isBlank()) {
      throw new IllegalArgumentException("an agent id is required");
    }
    return client.newUntypedWorkflowStub(agentId, Optional.empty(), Optional.of(AgentWorkflow.TYPE));
  }

  private <T> T call(String agentId, Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw failures.translate(agentId, e);
    }
  }

  private void perform(String agentId, Runnable request) {
    call(agentId, () -> {
      request.run();
      return null;
    });
  }

  private static void requireText(UserMessage message) {
    if (message == null || message.text() == null || message.text().isBlank()) {
      throw new IllegalArgumentException("message text is empty");
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
