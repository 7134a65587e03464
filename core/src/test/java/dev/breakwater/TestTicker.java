package dev.breakwater;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-driven ticker for the core's own tests (the published one, with more features, is the
 * testkit's {@code ManualTicker}, which the core cannot depend on). Thread-safe.
 */
final class TestTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  TestTicker advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    return this;
  }

  TestTicker advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }
}
