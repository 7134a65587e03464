package dev.breakwater.redis;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; returns how long it took. */
final class Await {
  private Await() {}

  static Duration until(Duration max, String what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + max.toMillis() + " ms: " + what);
      }
      LockSupport.parkNanos(5_000_000);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Checks that the condition holds throughout {@code period}, sampled every few milliseconds. */
  static void holds(Duration period, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + period.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("stopped holding: " + what);
      }
      LockSupport.parkNanos(5_000_000);
    }
  }
}
