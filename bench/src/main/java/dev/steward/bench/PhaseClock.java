package dev.steward.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * When a worker's tasks arrive and are answered ({@link TaskClock} sees them), while one call at a
 * time is timed: the call cut into its phases (e.g. a first reply: client → first workflow task →
 * its answer → the activity → ... → the client). Off but for the call {@link #record} times.
 */
final class PhaseClock {

  /** What the worker's stubs saw. */
  enum Mark { TASK_POLLED, TASK_ANSWERED, ACTIVITY_POLLED, ACTIVITY_ANSWERED }

  record Event(Mark mark, long nanos) {}

  private volatile List<Event> events;

  /**
   * Runs {@code call} with the clock on; returns the gaps (ms) between its start, {@code expected}
   * marks in order and its end, or null when the marks seen do not contain them in that order.
   */
  double[] record(List<Mark> expected, Runnable call) {
    List<Event> seen = new ArrayList<>();
    events = seen;
    long start = System.nanoTime();
    try {
      call.run();
    } finally {
      events = null;
    }
    long end = System.nanoTime();
    List<Long> at = new ArrayList<>(List.of(start));
    synchronized (seen) {
      int next = 0;
      for (Event e : seen) {
        if (next < expected.size() && e.mark() == expected.get(next)) {
          at.add(e.nanos());
          next++;
        }
      }
      if (next < expected.size()) {
        return null;
      }
    }
    at.add(end);
    double[] gaps = new double[at.size() - 1];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = (at.get(i + 1) - at.get(i)) / 1e6;
    }
    return gaps;
  }

  /** Notes {@code mark} now, if a call is being timed; {@link TaskClock} calls it as the worker's tasks come and go. */
  void mark(Mark mark) {
    List<Event> to = events;
    if (to != null) {
      synchronized (to) {
        to.add(new Event(mark, System.nanoTime()));
      }
    }
  }
}
