package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The time-based sliding window over a breaker's {@link Counters}: a ring of 20 buckets on the
 * breaker's ticker, each holding the lifetime totals as they stood when the bucket began. The
 * window's figures are today's totals minus those of the oldest bucket, so recording a call
 * touches nothing here; only the first call of each new bucket takes a snapshot. The window
 * spans the current, partial bucket and the 19 before it.
 *
 * <p>Thread-safe. Calls recorded while a bucket turns over may be attributed to either bucket.
 */
final class SlidingWindow {
  static final int BUCKETS = CircuitBreakerConfig.WINDOW_BUCKETS;
  private static final VarHandle EPOCH;
  private static final VarHandle STALE_CALLS;
  private static final VarHandle STALE_FAILURES;
  private static final VarHandle STALE_SLOW;
  private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      EPOCH = lookup.findVarHandle(SlidingWindow.class, "epoch", long.class);
      STALE_CALLS = lookup.findVarHandle(SlidingWindow.class, "staleCalls", long.class);
      STALE_FAILURES = lookup.findVarHandle(SlidingWindow.class, "staleFailures", long.class);
      STALE_SLOW = lookup.findVarHandle(SlidingWindow.class, "staleSlow", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Counters counters;
  private final long bucketNanos;
  private final long[] calls = new long[BUCKETS];
  private final long[] failures = new long[BUCKETS];
  private final long[] slowCalls; // null when slow calls are not tracked
  private volatile long epoch;
  private volatile long nextBucketAt;
  // Outcomes of calls admitted in an earlier state, recorded after the breaker moved on: counted
  // in the lifetime totals, but kept out of the window, so they cannot sway the new state.
  @SuppressWarnings("unused") // accessed through STALE_CALLS
  private volatile long staleCalls;
  @SuppressWarnings("unused") // accessed through STALE_FAILURES
  private volatile long staleFailures;
  @SuppressWarnings("unused") // accessed through STALE_SLOW
  private volatile long staleSlow;

  SlidingWindow(Counters counters, long windowNanos, boolean trackSlowCalls, long now) {
    this.counters = counters;
    this.bucketNanos = windowNanos / BUCKETS;
    this.slowCalls = trackSlowCalls ? new long[BUCKETS] : null;
    this.epoch = Math.floorDiv(now, bucketNanos);
    this.nextBucketAt = (epoch + 1) * bucketNanos;
  }

  /** Moves the window to {@code now}; call before recording an outcome that happened then. */
  void advance(long now) {
    if (now - nextBucketAt >= 0) {
      turn(now);
    }
  }

  private void turn(long now) {
    long current = epoch;
    long target = Math.floorDiv(now, bucketNanos);
    if (target <= current || !EPOCH.compareAndSet(this, current, target)) {
      return;
    }
    snapshot(Math.max(current + 1, target - BUCKETS + 1), target);
    nextBucketAt = (target + 1) * bucketNanos;
  }

  /** Empties the window: from now on it counts only calls recorded after this moment. */
  void clear(long now) {
    advance(now);
    long e = epoch;
    snapshot(e - BUCKETS + 1, e);
  }

  /** Keeps a late outcome (of a call admitted in an earlier state) out of the window. */
  void excludeStale(boolean failure, boolean slow) {
    STALE_CALLS.getAndAdd(this, 1L);
    if (failure) {
      STALE_FAILURES.getAndAdd(this, 1L);
    }
    if (slow) {
      STALE_SLOW.getAndAdd(this, 1L);
    }
  }

  private long currentCalls() {
    return counters.successes() + counters.failures() - staleCalls;
  }

  private long currentFailures() {
    return counters.failures() - staleFailures;
  }

  private long currentSlow() {
    return slowCalls == null ? 0 : counters.slowCalls() - staleSlow;
  }

  private void snapshot(long fromEpoch, long toEpoch) {
    long c = currentCalls();
    long f = currentFailures();
    long s = currentSlow();
    for (long k = fromEpoch; k <= toEpoch; k++) {
      int i = (int) Math.floorMod(k, (long) BUCKETS);
      ELEMENT.setOpaque(calls, i, c);
      ELEMENT.setOpaque(failures, i, f);
      if (slowCalls != null) {
        ELEMENT.setOpaque(slowCalls, i, s);
      }
    }
  }

  private int oldest() {
    return (int) Math.floorMod(epoch + 1, (long) BUCKETS);
  }

  long calls() {
    return currentCalls() - (long) ELEMENT.getOpaque(calls, oldest());
  }

  long failures() {
    return currentFailures() - (long) ELEMENT.getOpaque(failures, oldest());
  }

  long slowCalls() {
    return slowCalls == null ? 0 : currentSlow() - (long) ELEMENT.getOpaque(slowCalls, oldest());
  }
}
