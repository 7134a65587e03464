package dev.breakwater;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the tests that drive a {@link CallerDeadlines} by hand: a manual clock, the heartbeat's
 * ticks made by the test, and every wake-up a caller asked for recorded. A deadline that fires
 * interrupts the test thread; the interrupt is cleared after each test.
 */
abstract class HandDrivenDeadlines {
  static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  final TestTicker clock = new TestTicker();
  final List<Long> wakeRequests = new ArrayList<>();
  final CallerDeadlines deadlines = new CallerDeadlines(clock, wakeRequests::add);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  /** Ticks as the heartbeat would, once a millisecond for {@code millis}. */
  void runFor(long millis) {
    for (long t = 0; t < millis; t++) {
      clock.advanceMillis(1);
      deadlines.tick(clock.read(), false);
    }
  }
}
