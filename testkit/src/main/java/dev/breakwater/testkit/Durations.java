package dev.breakwater.testkit;

import java.time.Duration;

/** Duration arithmetic that cannot overflow. Stateless and thread-safe. */
final class Durations {
  private Durations() {}

  /**
   * Returns {@code d} in nanoseconds, or {@code Long.MAX_VALUE} if it is longer than about 292
   * years, which for a test's timeouts and windows means forever.
   */
  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
