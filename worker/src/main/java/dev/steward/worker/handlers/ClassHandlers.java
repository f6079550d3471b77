package dev.steward.worker.handlers;

import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor.RegisterQueryInput;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor.SignalRegistrationRequest;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor.UpdateRegistrationRequest;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.serviceclient.CheckedExceptionWrapper;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.Workflow;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The handler registrations of one workflow class, built once and shared by all its workflows. Each
 * is made from the first registration the SDK built for the class, with the same name, description,
 * policy and types, and a callback that invokes the handler's method on the workflow object the
 * handler is called for ({@link Workflow#getInstance()}), wrapping what it throws as the SDK does.
 */
final class ClassHandlers {

  private static final ClassValue<ClassHandlers> BY_CLASS = new ClassValue<>() {
    @Override
    protected ClassHandlers computeValue(Class<?> type) {
      return new ClassHandlers(type);
    }
  };

  private final Map<String, Method> queries;
  private final Map<String, Method> signals;
  private final Map<String, Method> updates;
  /** Validators by the name of the update they validate. */
  private final Map<String, Method> validators = new HashMap<>();

  private final ConcurrentMap<String, RegisterQueryInput> sharedQueries = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, SignalRegistrationRequest> sharedSignals = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, UpdateRegistrationRequest> sharedUpdates = new ConcurrentHashMap<>();

  private ClassHandlers(Class<?> workflowClass) {
    // The same metadata the SDK registers the object from, so the names and methods match.
    POJOWorkflowImplMetadata metadata = POJOWorkflowImplMetadata.newListenerInstance(workflowClass);
    queries = byName(metadata.getQueryMethods());
    signals = byName(metadata.getSignalMethods());
    updates = byName(metadata.getUpdateMethods());
    for (POJOWorkflowMethodMetadata m : metadata.getUpdateValidatorMethods()) {
      validators.put(m.getWorkflowMethod().getAnnotation(UpdateValidatorMethod.class).updateName(), m.getWorkflowMethod());
    }
  }

  static ClassHandlers of(Class<?> workflowClass) {
    return BY_CLASS.get(workflowClass);
  }

  private static Map<String, Method> byName(List<POJOWorkflowMethodMetadata> methods) {
    Map<String, Method> byName = new HashMap<>();
    for (POJOWorkflowMethodMetadata m : methods) {
      byName.put(m.getName(), m.getWorkflowMethod());
    }
    return byName;
  }

  /** The shared registration of this query; {@code request} itself when the class has no such query method. */
  RegisterQueryInput query(RegisterQueryInput request) {
    Method method = queries.get(request.getQueryType());
    if (method == null) {
      return request;
    }
    return sharedQueries.computeIfAbsent(request.getQueryType(), name -> new RegisterQueryInput(name,
        request.getDescription(), request.getArgTypes(), request.getGenericArgTypes(), args -> invoke(method, args)));
  }

  /** The shared registration of this signal; {@code request} itself when the class has no such signal method. */
  SignalRegistrationRequest signal(SignalRegistrationRequest request) {
    Method method = signals.get(request.getSignalType());
    if (method == null) {
      return request;
    }
    return sharedSignals.computeIfAbsent(request.getSignalType(), name -> new SignalRegistrationRequest(name,
        request.getDescription(), request.getUnfinishedPolicy(), request.getArgTypes(), request.getGenericArgTypes(),
        args -> invoke(method, args)));
  }

  /** The shared registration of this update and its validator; {@code request} itself when the class has no such update method. */
  UpdateRegistrationRequest update(UpdateRegistrationRequest request) {
    Method method = updates.get(request.getUpdateName());
    if (method == null) {
      return request;
    }
    Method validator = validators.get(request.getUpdateName());
    return sharedUpdates.computeIfAbsent(request.getUpdateName(), name -> new UpdateRegistrationRequest(name,
        request.getDescription(), request.getUnfinishedPolicy(), request.getArgTypes(), request.getGenericArgTypes(),
        args -> {
          if (validator != null) {
            invoke(validator, args);
          }
        },
        args -> invoke(method, args)));
  }

  private static Object invoke(Method method, Object[] args) {
    Object workflow = Workflow.getInstance();
    if (workflow == null) {
      throw new IllegalStateException("no workflow object to call " + method.getName() + " on");
    }
    try {
      return method.invoke(workflow, args);
    } catch (Throwable e) {
      throw CheckedExceptionWrapper.wrap(e);
    }
  }
}
