package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The time-based sliding window of one CLOSED period of a breaker: counters of its own, which
 * only outcomes of calls admitted in that period (and in the OPEN, HALF_OPEN and manual states
 * that follow it) are recorded into, and a ring of 20 buckets on the breaker's ticker, each holding
 * those counters' totals as they stood when the bucket began. The window's figures are today's
 * totals minus those of the oldest bucket, so recording a call writes the calling thread's own
 * counter cell and nothing else here; only the first call of each new bucket takes a snapshot. The
 * window spans the current, partial bucket and the 19 before it.
 *
 * <p>A new CLOSED period gets a new window with empty counters. An outcome always goes to the
 * window of the state that admitted its call, so one that arrives after the breaker moved on can
 * only reach a window that is no longer current: no race with a transition can put it into, or
 * wipe, a newer window. Bucket boundaries are computed from differences between ticker readings
 * only, so readings may wrap past {@link Long#MAX_VALUE}.
 *
 * <p>Thread-safe. Calls recorded while a bucket turns over may be attributed to either bucket.
 */
final class SlidingWindow {
  static final int BUCKETS = CircuitBreakerConfig.WINDOW_BUCKETS;
  private static final VarHandle EPOCH;
  private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

  static {
    try {
      EPOCH = MethodHandles.lookup().findVarHandle(SlidingWindow.class, "epoch", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Counters counters;
  private final long origin;
  private final long bucketNanos;
  private final long[] calls = new long[BUCKETS];
  private final long[] failures = new long[BUCKETS];
  private final long[] slowCalls; // null when slow calls are not tracked
  private volatile long epoch; // buckets since origin
  private volatile long nextBucketAt; // ticker reading at which bucket epoch + 1 begins

  SlidingWindow(long windowNanos, boolean trackSlowCalls, long now) {
    this.counters = new Counters();
    this.origin = now;
    this.bucketNanos = windowNanos / BUCKETS;
    this.slowCalls = trackSlowCalls ? new long[BUCKETS] : null;
    this.nextBucketAt = now + bucketNanos;
    snapshot(0, BUCKETS - 1);
  }

  /** The counters outcomes of this window's calls are recorded into. */
  Counters counters() {
    return counters;
  }

  /** Moves the window to {@code now}; call before recording an outcome that happened then. */
  void advance(long now) {
    if (now - nextBucketAt >= 0) {
      turn(now);
    }
  }

  private void turn(long now) {
    long current = epoch;
    long elapsed = now - origin;
    if (elapsed < 0) {
      return; // a reading from before the window existed
    }
    long target = elapsed / bucketNanos;
    if (target <= current || !EPOCH.compareAndSet(this, current, target)) {
      return;
    }
    snapshot(Math.max(current + 1, target - BUCKETS + 1), target);
    nextBucketAt = origin + (target + 1) * bucketNanos;
  }

  private void snapshot(long fromEpoch, long toEpoch) {
    long c = counters.successes() + counters.failures();
    long f = counters.failures();
    long s = slowCalls == null ? 0 : counters.slowCalls();
    for (long k = fromEpoch; k <= toEpoch; k++) {
      int i = (int) (k % BUCKETS);
      ELEMENT.setOpaque(calls, i, c);
      ELEMENT.setOpaque(failures, i, f);
      if (slowCalls != null) {
        ELEMENT.setOpaque(slowCalls, i, s);
      }
    }
  }

  private int oldest() {
    return (int) ((epoch + 1) % BUCKETS);
  }

  /**
   * Reads the window's figures as one consistent triple: never negative, failures and slow calls
   * never above calls, even while outcomes are being recorded.
   */
  Figures figures() {
    int oldest = oldest();
    long baseCalls = (long) ELEMENT.getOpaque(calls, oldest);
    long baseFailures = (long) ELEMENT.getOpaque(failures, oldest);
    long baseSlow = slowCalls == null ? 0 : (long) ELEMENT.getOpaque(slowCalls, oldest);
    // Failures first, then calls: a failure counted after the first read can only raise calls.
    long f = counters.failures() - baseFailures;
    long s = slowCalls == null ? 0 : counters.slowCalls() - baseSlow;
    long c = counters.successes() + counters.failures() - baseCalls;
    c = Math.max(c, 0);
    return new Figures(c, clamp(f, c), clamp(s, c));
  }

  private static long clamp(long value, long max) {
    return Math.max(0, Math.min(value, max));
  }

  /** The window's calls, failures and slow calls at one moment. */
  record Figures(long calls, long failures, long slowCalls) {
    static final Figures EMPTY = new Figures(0, 0, 0);
  }
}
