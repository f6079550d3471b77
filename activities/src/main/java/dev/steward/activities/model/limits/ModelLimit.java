package dev.steward.activities.model.limits;

/**
 * The limits for one model, or one rule's part of them.
 *
 * @param concurrency the most calls to the model running at once in this worker process; {@value
 *     #UNLIMITED} for no limit, null when a rule leaves it to a less specific rule
 * @param rps the most calls started per second, as an average (a burst of up to one second's worth,
 *     at least one call, may start at once); {@value #UNLIMITED} for no limit, null when a rule leaves
 *     it to a less specific rule
 */
public record ModelLimit(Integer concurrency, Double rps) {

  /** The value of a setting that does not limit. */
  public static final int UNLIMITED = 0;

  /** No limit at all. */
  public static final ModelLimit NONE = new ModelLimit(UNLIMITED, (double) UNLIMITED);

  /** This rule's settings, with those it leaves unset taken from {@code lessSpecific}. */
  ModelLimit or(ModelLimit lessSpecific) {
    if (lessSpecific == null) {
      return this;
    }
    return new ModelLimit(concurrency != null ? concurrency : lessSpecific.concurrency,
        rps != null ? rps : lessSpecific.rps);
  }

  /** Whether this limit lets any number of calls run at once. */
  public boolean unlimitedConcurrency() {
    return concurrency == null || concurrency == UNLIMITED;
  }

  /** Whether this limit lets calls start at any rate. */
  public boolean unlimitedRate() {
    return rps == null || rps == UNLIMITED;
  }

  /** The settings in {@code STEWARD_MODEL_LIMITS} syntax, e.g. {@code concurrency:4,rps:2}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (concurrency != null) {
      s.append("concurrency:").append(concurrency == UNLIMITED ? "unlimited" : concurrency.toString());
    }
    if (rps != null) {
      s.append(s.length() > 0 ? "," : "").append("rps:").append(rps == UNLIMITED ? "unlimited" : number(rps));
    }
    return s.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
