package dev.breakwater;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CallerDeadlines} driven by hand, for tests: a manual clock, the heartbeat's ticks made
 * by the test, and every wake-up a caller asked for recorded.
 */
final class HandDrivenDeadlines {
  static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  final TestTicker clock = new TestTicker();
  final List<Long> wakeRequests = new ArrayList<>();
  final CallerDeadlines deadlines = new CallerDeadlines(clock, wakeRequests::add);

  /** Ticks as the heartbeat would, once a millisecond for {@code millis}. */
  void runFor(long millis) {
    for (long t = 0; t < millis; t++) {
      clock.advanceMillis(1);
      deadlines.tick(clock.read(), false);
    }
  }
}
