package dev.breakwater;

/**
 * Breakwater's per-thread counters as a breaker's success path uses them, for the many-threads
 * benchmark: each success goes to the lifetime counters and to the window's. Lives in the
 * benchmarks, in the core's package, because {@link Counters} is package-private.
 */
public final class CountersProbe {
  private final Counters lifetime = new Counters();
  private final Counters window = new Counters();

  /** Records one success of {@code nanos}, as {@code execute} does. */
  public void success(long nanos) {
    lifetime.success(nanos, false);
    window.success(nanos, false);
  }

  /** Successes in the lifetime counters. */
  public long successes() {
    return lifetime.successes();
  }

  /** Successes in the window's counters. */
  public long windowSuccesses() {
    return window.successes();
  }
}
