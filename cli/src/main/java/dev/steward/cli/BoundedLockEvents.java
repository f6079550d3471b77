package dev.steward.cli;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;

/**
 * A stand-in for the Java test server's list of time-lock events (temporal-test-server 1.38,
 * {@code SelfAdvancingTimerImpl.lockEvents}, kept "for debugging purposes only"). The server adds
 * an event for every lock and unlock and takes one out only when a lock is released by its handle,
 * by a scan from the list's head; most events stay for good. So every server call (each runs under
 * such a handle) scanned every lock ever taken: after some 10,000 turns a turn took tens of
 * milliseconds more, and the heap grew by every event. This list keeps the last {@value #KEPT}
 * events, which the server's diagnostics print, and forgets the rest.
 *
 * <p>Removing always answers true: the events a handle releases are its own, released within the
 * call that took them, and the server keeps its real lock count apart from this list.
 */
public final class BoundedLockEvents extends LinkedList<Object> {

  static final int KEPT = 256;

  private final ArrayDeque<Object> recent = new ArrayDeque<>();

  private BoundedLockEvents(Collection<?> initial) {
    initial.forEach(this::add);
  }

  /**
   * Puts the bounded list in {@code services}' clock. Returns false, and leaves the server as it
   * is, when its fields are not where temporal-test-server 1.38 keeps them.
   */
  public static boolean install(TestServicesStarter services) {
    try {
      Object timer = field(services.getClass(), "selfAdvancingTimer").get(services);
      Lock lock = (Lock) field(timer.getClass(), "lock").get(timer);
      Field events = field(timer.getClass(), "lockEvents");
      lock.lock();
      try {
        events.set(timer, new BoundedLockEvents((Collection<?>) events.get(timer)));
      } finally {
        lock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  @Override
  public boolean add(Object event) {
    if (recent.size() == KEPT) {
      recent.removeFirst();
    }
    recent.addLast(event);
    return true;
  }

  @Override
  public boolean remove(Object event) {
    // A handle's event is among the newest: look from the end.
    recent.removeLastOccurrence(event);
    return true;
  }

  @Override
  public int size() {
    return recent.size();
  }

  @Override
  public Iterator<Object> iterator() {
    return recent.iterator();
  }
}
