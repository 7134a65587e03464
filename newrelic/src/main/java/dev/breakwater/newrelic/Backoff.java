package dev.breakwater.newrelic;

import java.time.Duration;
import java.util.Objects;

/**
 * The telemetry SDK specification's retry delay: {@code min(max, factor · 2^(n-1))} before the
 * n-th retry. Immutable.
 */
final class Backoff {
  private final Duration factor;
  private final Duration max;

  Backoff(Duration factor, Duration max) {
    this.factor = Objects.requireNonNull(factor, "factor");
    this.max = Objects.requireNonNull(max, "max");
    if (factor.isNegative() || factor.isZero()) {
      throw new IllegalArgumentException("backoff factor must be > 0, was " + factor);
    }
    if (max.compareTo(factor) < 0) {
      throw new IllegalArgumentException("backoff max (" + max + ") must be >= factor (" + factor + ")");
    }
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  Duration delay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, was " + retry);
    }
    if (retry > 40) {
      return max;
    }
    long nanos = factor.toNanos();
    long scaled = nanos << (retry - 1);
    if (scaled >>> (retry - 1) != nanos || scaled < 0) {
      return max; // overflowed: certainly past the cap
    }
    return Duration.ofNanos(Math.min(scaled, max.toNanos()));
  }
}
