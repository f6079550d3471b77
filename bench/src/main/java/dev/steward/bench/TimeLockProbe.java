package dev.steward.bench;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;

/**
 * Bench-only look, by reflection, into the in-process Java test server's clock
 * ({@code SelfAdvancingTimerImpl}, temporal-test-server 1.38.0): its pending timer tasks by kind.
 * It answers what one side's turns leave in the server that the other's do not; it changes nothing.
 * (Its list of time-lock events, which every server call used to scan, is bounded now:
 * {@link dev.steward.cli.BoundedLockEvents}.)
 */
final class TimeLockProbe {

  /** What the probe saw at one moment. */
  record Sample(Map<String, Long> pendingTimers) {}

  private final Object timer;
  private final Lock lock;
  private final Collection<?> tasks;
  private Method taskInfo;
  private Method canceled;

  private TimeLockProbe(Object timer) throws ReflectiveOperationException {
    this.timer = timer;
    this.lock = (Lock) field(timer, "lock");
    this.tasks = (Collection<?>) field(timer, "tasks");
  }

  /** A probe of the server's clock, or null when its fields are not where 1.38.0 keeps them. */
  static TimeLockProbe of(TestServicesStarter services) {
    try {
      return new TimeLockProbe(field(services, "selfAdvancingTimer"));
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("bench: cannot probe the test server's clock (" + e + "); its rows are left out");
      return null;
    }
  }

  /** The timers not yet run (cancelled ones left out), by kind. */
  Sample sample() {
    lock.lock();
    try {
      Map<String, Long> byKind = new TreeMap<>();
      for (Object task : List.copyOf(tasks)) {
        if (!(Boolean) call(canceled(task), task)) {
          byKind.merge(String.valueOf(call(taskInfo(task), task)), 1L, Long::sum);
        }
      }
      return new Sample(byKind);
    } finally {
      lock.unlock();
    }
  }

  private Method taskInfo(Object task) {
    if (taskInfo == null) {
      taskInfo = method(task, "getTaskInfo");
    }
    return taskInfo;
  }

  private Method canceled(Object task) {
    if (canceled == null) {
      canceled = method(task, "isCanceled");
    }
    return canceled;
  }

  private static Method method(Object target, String name) {
    try {
      Method m = target.getClass().getDeclaredMethod(name);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the test server's timer task has no " + name, e);
    }
  }

  private static Object call(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the test server's timer task", e);
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

  @Override
  public String toString() {
    return "TimeLockProbe[" + timer.getClass().getSimpleName() + "]";
  }
}
